import { useQuery } from '@tanstack/react-query';
import { graphItemMetricsPath, graphItemMetricsSchema, type GraphItemMetricsRequest } from '@/lib/api/metrics';
import { apiGet } from './api-client';
import { POLL_MS } from './query-client';
import { queryKeys } from './query-keys';

/** Time series for the selected graph node or edge (side panel charts). */
export function useGraphItemMetrics(req: GraphItemMetricsRequest | undefined) {
  const path = req ? graphItemMetricsPath(req) : undefined;
  return useQuery({
    queryKey: queryKeys.graph.elementMetrics({ path }),
    queryFn: ({ signal }) => apiGet(path as string, graphItemMetricsSchema, { signal }),
    enabled: path !== undefined,
    refetchInterval: POLL_MS.elementMetrics,
  });
}
