import { useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';
import { POLL_MS } from './query-client';
import { queryKeys } from './query-keys';
import { OverviewSchema } from './schemas';

/** Namespaces, workloads and demo state for the home page. */
export function useOverview() {
  return useQuery({
    queryKey: queryKeys.overview(),
    queryFn: ({ signal }) => apiGet('/api/overview', OverviewSchema, { signal }),
    refetchInterval: POLL_MS.overview,
  });
}
