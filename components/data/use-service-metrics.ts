'use client';

import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { graphItemMetricsPath, graphItemMetricsSchema, type GraphItemMetrics } from '@/lib/api/metrics';
import { apiGet } from './api-client';
import { queryKeys } from './query-keys';

/** Charts on the service page refresh a little faster than the graph side panel: people watch a shift land. */
export const SERVICE_METRICS_POLL_MS = 5_000;

export interface ServiceMetricsRequest {
  /** Node ids (the graph's), one query each. */
  ids: readonly string[];
  direction: 'inbound' | 'outbound';
  duration: string;
}

/** Time series for several graph nodes at once (one per version), in the order of `ids`. */
export function useServiceMetrics(req: ServiceMetricsRequest): { data: (GraphItemMetrics | undefined)[]; pending: boolean; error: unknown; refetch: () => void } {
  const results = useQueries({
    queries: req.ids.map((id) => {
      const path = graphItemMetricsPath({ id, direction: req.direction, duration: req.duration });
      return {
        queryKey: queryKeys.graph.elementMetrics({ path }),
        queryFn: ({ signal }: { signal: AbortSignal }) => apiGet(path, graphItemMetricsSchema, { signal }),
        refetchInterval: SERVICE_METRICS_POLL_MS,
        placeholderData: keepPreviousData,
      };
    }),
  });
  return {
    data: results.map((r) => r.data),
    pending: results.some((r) => r.isPending),
    error: results.find((r) => r.error)?.error ?? null,
    refetch: () => results.forEach((r) => void r.refetch()),
  };
}
