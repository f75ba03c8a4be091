'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { namesResponseSchema, tracesApi, tracesResponseSchema } from '@/lib/api/traces';
import { fromJaegerTrace } from '@/lib/traces/jaeger';
import { summarizeTrace } from '@/lib/traces/summary';
import { apiGet } from '../data/api-client';

/** Query keys for traces, general to specific (`tracesKeys.all` invalidates everything). */
export const tracesKeys = {
  all: ['traces'] as const,
  services: () => ['traces', 'services'] as const,
  operations: (service: string) => ['traces', 'operations', service] as const,
  search: (params: string) => ['traces', 'search', params] as const,
  trace: (id: string) => ['traces', 'trace', id] as const,
};

const SERVICES_POLL_MS = 30_000;
const EMPTY_SEARCH_POLL_MS = 3_000;

export function useTraceServices() {
  return useQuery({
    queryKey: tracesKeys.services(),
    queryFn: ({ signal }) => apiGet(tracesApi.services(), namesResponseSchema, { signal }).then((r) => r.data ?? []),
    refetchInterval: SERVICES_POLL_MS,
  });
}

export function useTraceOperations(service: string) {
  return useQuery({
    queryKey: tracesKeys.operations(service),
    queryFn: ({ signal }) => apiGet(tracesApi.operations(service), namesResponseSchema, { signal }).then((r) => r.data ?? []),
    enabled: service !== '',
  });
}

/**
 * A trace search. Results stay put while the user reads them (no polling), except while empty:
 * then it polls so freshly arriving traces show up on their own.
 */
export function useTraceSearch(params: URLSearchParams) {
  const key = params.toString();
  return useQuery({
    queryKey: tracesKeys.search(key),
    queryFn: async ({ signal }) => {
      const r = await apiGet(tracesApi.search(new URLSearchParams(key)), tracesResponseSchema, { signal });
      return (r.data ?? []).map((t) => {
        const spans = fromJaegerTrace(t);
        return summarizeTrace(spans[0]?.traceId ?? t.traceID, spans);
      });
    },
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data && q.state.data.length > 0 ? false : EMPTY_SEARCH_POLL_MS),
  });
}

/** How long after a trace's last span ends its late spans may still be arriving (exporters batch). */
const LATE_SPANS_MS = 15_000;

export function useTrace(traceId: string) {
  return useQuery({
    queryKey: tracesKeys.trace(traceId),
    queryFn: async ({ signal }) => {
      const r = await apiGet(tracesApi.trace(traceId), tracesResponseSchema, { signal });
      const t = r.data?.[0];
      // Trace-level warnings: e.g. spans of namespaces the user may not see were left out.
      return { spans: t ? fromJaegerTrace(t) : [], warnings: t?.warnings ?? [] };
    },
    // A trace that just happened may still be missing spans from other workloads: poll briefly.
    refetchInterval: (q) => {
      const spans = q.state.data?.spans;
      if (!spans?.length) return false;
      const endMs = Math.max(...spans.map((s) => (s.startUs + s.durationUs) / 1000));
      return Date.now() - endMs < LATE_SPANS_MS ? 2_000 : false;
    },
  });
}
