import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { graphPath, graphResponseSchema, type GraphRequest } from '@/lib/api/graph';
import { apiGet } from './api-client';
import { queryKeys } from './query-keys';

/**
 * The topology for a view, polled at `refreshMs`. Previous data stays on screen while a new variant loads,
 * so changing the duration does not blank the graph.
 */
export function useGraph(req: GraphRequest, refreshMs: number | false) {
  const path = graphPath(req);
  return useQuery({
    queryKey: queryKeys.graph.view({ path }),
    queryFn: ({ signal }) => apiGet(path, graphResponseSchema, { signal }),
    enabled: req.namespaces.length > 0,
    refetchInterval: refreshMs,
    placeholderData: keepPreviousData,
  });
}
