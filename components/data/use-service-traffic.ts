'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ServiceTrafficSchema, trafficShiftPath, TrafficShiftDryRunSchema, TrafficShiftResultSchema, type TrafficShiftDryRun } from '@/lib/api/traffic';
import { apiGet } from './api-client';
import { queryKeys } from './query-keys';
import { istioKeys } from './use-istio-config';
import { sendWrite, type WriteOutcome } from './use-istio-write';

/** Query keys of the traffic feature, general to specific. */
export const trafficKeys = {
  all: ['traffic'] as const,
  split: (ns: string, service: string) => ['traffic', 'split', ns, service] as const,
  /** Dry runs live under their own root: invalidating the split after a write must not re-run stale previews. */
  preview: (ns: string, service: string, weights: Record<string, number>) => ['traffic-preview', 'split', ns, service, weights] as const,
  changePreview: (change: string) => ['traffic-preview', 'change', change] as const,
};

/** The split is edited by people (here or elsewhere): poll so the editor notices someone else's change. */
export const TRAFFIC_POLL_MS = 5_000;

/** `GET …/traffic-shift`: versions, current weights, and the objects that carry them. */
export function useServiceTraffic(namespace: string, service: string) {
  const path = trafficShiftPath(namespace, service);
  return useQuery({
    queryKey: trafficKeys.split(namespace, service),
    queryFn: ({ signal }) => apiGet(path, ServiceTrafficSchema, { signal }),
    refetchInterval: TRAFFIC_POLL_MS,
  });
}

/**
 * The dry run of a split: what the PUT would write and its validations (a 422 refusal is an answer too).
 * A dry run changes nothing, so it is a query keyed by the weights; `undefined` weights disable it.
 */
export function useTrafficPreview(namespace: string, service: string, weights: Record<string, number> | undefined) {
  return useQuery({
    queryKey: trafficKeys.preview(namespace, service, weights ?? {}),
    queryFn: ({ signal }): Promise<WriteOutcome<TrafficShiftDryRun>> =>
      sendWrite({ method: 'PUT', path: trafficShiftPath(namespace, service), body: { weights }, dryRun: true, signal }, TrafficShiftDryRunSchema),
    enabled: weights !== undefined,
    placeholderData: keepPreviousData,
    // The dry run diffs against the stored objects, which move on: re-check now and then, not on every focus.
    staleTime: 5_000,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** `PUT …/traffic-shift`: writes the split; refreshes the split, the Istio objects and their history, and the graph. */
export function useTrafficShift(namespace: string, service: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (weights: Record<string, number>) => sendWrite({ method: 'PUT', path: trafficShiftPath(namespace, service), body: { weights } }, TrafficShiftResultSchema),
    onSuccess: (out) => {
      if (out.kind !== 'ok') return;
      void qc.invalidateQueries({ queryKey: trafficKeys.all });
      void qc.invalidateQueries({ queryKey: istioKeys.all });
      void qc.invalidateQueries({ queryKey: queryKeys.graph.all });
    },
  });
}
