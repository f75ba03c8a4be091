import { useQuery } from '@tanstack/react-query';
import {
  itemTrafficFiguresSchema,
  itemTrafficPath,
  overviewTrafficPath,
  overviewTrafficSchema,
  serviceTrafficFiguresPath,
  serviceTrafficFiguresSchema,
} from '@/lib/api/traffic-figures';
import { apiGet } from './api-client';
import { POLL_MS } from './query-client';
import { queryKeys } from './query-keys';

/** One service's figures (lib/traffic, server-derived): health and reason, versions, canary evidence, aborts. */
export function useServiceTrafficFigures(namespace: string, service: string, duration: string, pollMs: number) {
  const path = serviceTrafficFiguresPath(namespace, service, duration);
  return useQuery({
    queryKey: queryKeys.traffic.figures(path),
    queryFn: ({ signal }) => apiGet(path, serviceTrafficFiguresSchema, { signal }),
    refetchInterval: pollMs,
  });
}

/**
 * The side panel's figures for one graph node or edge, over the graph's namespaces and window. Pinned to the graph
 * answer's `timestamp` (queryTime), so they are computed from exactly the rows the drawn graph was: the badge, the
 * reason and the numbers agree, and they move when the graph refreshes.
 */
export function useItemTrafficFigures(req: { id: string; namespaces: string[]; duration: string; queryTime: number } | undefined) {
  const path = req ? itemTrafficPath(req) : undefined;
  return useQuery({
    queryKey: queryKeys.traffic.figures(path ?? ''),
    queryFn: ({ signal }) => apiGet(path as string, itemTrafficFiguresSchema, { signal }),
    enabled: path !== undefined,
    placeholderData: (previous) => previous,
  });
}

/** Per-namespace figures for the overview (entry requests and every hop, what each sends, health with reason). */
export function useOverviewTraffic(namespaces: string[] | undefined, duration = '60s') {
  const path = namespaces && namespaces.length > 0 ? overviewTrafficPath(namespaces, duration) : undefined;
  return useQuery({
    queryKey: queryKeys.traffic.figures(path ?? ''),
    queryFn: ({ signal }) => apiGet(path as string, overviewTrafficSchema, { signal }),
    enabled: path !== undefined,
    refetchInterval: POLL_MS.overview,
  });
}
