import { useQuery } from '@tanstack/react-query';
import { SCRAPE_TARGETS_PATH, scrapeTargetsSchema } from '@/lib/api/metrics';
import { apiGet } from './api-client';
import { POLL_MS } from './query-client';
import { queryKeys } from './query-keys';

/** The metrics scraper's targets and whether each is up. */
export function useScrapeTargets() {
  return useQuery({
    queryKey: queryKeys.scrapeTargets(),
    queryFn: ({ signal }) => apiGet(SCRAPE_TARGETS_PATH, scrapeTargetsSchema, { signal }),
    refetchInterval: POLL_MS.targets,
  });
}
