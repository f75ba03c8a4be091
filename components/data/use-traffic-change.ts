'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { collectionPath, DryRunResultSchema, objectPath, WriteResultSchema, type DryRunResult, type IstioObject } from '@/lib/api/istio-config';
import { queryKeys } from './query-keys';
import { istioKeys } from './use-istio-config';
import { useDebouncedValue } from './use-istio-validate';
import { sendWrite, type WriteOutcome } from './use-istio-write';
import { trafficKeys } from './use-service-traffic';

/** One wizard's write: the next VirtualService or DestinationRule, replacing `resourceVersion` or created. */
export interface TrafficChange {
  kind: 'VirtualService' | 'DestinationRule';
  namespace: string;
  name: string;
  /** The stored version the change was made from; absent when the object is created. */
  resourceVersion?: string;
  next: IstioObject;
}

const API_VERSION = 'networking.istio.io/v1';

function writeOf(c: TrafficChange, guard: boolean) {
  const ref = { namespace: c.namespace, apiVersion: API_VERSION, kind: c.kind };
  if (c.resourceVersion === undefined) return { method: 'POST' as const, path: collectionPath(ref), body: c.next };
  // A real write carries the stored version so the server answers 409 when someone changed the object meanwhile.
  // A dry run does not: the stored object reloads within seconds and the preview follows; a 409 there is noise.
  const body = guard ? { ...c.next, metadata: { ...c.next.metadata, resourceVersion: c.resourceVersion } } : c.next;
  return { method: 'PUT' as const, path: objectPath({ ...ref, name: c.name }), body };
}

/** How long the form must rest before its change is dry-run (typing in a field should not flood the server). */
export const PREVIEW_DEBOUNCE_MS = 250;

/** The dry run of a change as the form stands: the object the server would store, its validations, or the refusal. */
export function useTrafficChangePreview(change: TrafficChange | undefined) {
  const text = change ? JSON.stringify(change) : '';
  const settled = useDebouncedValue(text, PREVIEW_DEBOUNCE_MS);
  const query = useQuery({
    // Not under trafficKeys.all: invalidating after an apply must not re-run a dry run of the old version
    // (it would answer 409); once the stored object reloads, the key changes and the preview follows.
    queryKey: trafficKeys.changePreview(settled),
    queryFn: ({ signal }): Promise<WriteOutcome<DryRunResult>> => sendWrite({ ...writeOf(JSON.parse(settled) as TrafficChange, false), dryRun: true, signal }, DryRunResultSchema),
    enabled: settled !== '',
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
  return { ...query, current: settled === text && !query.isFetching };
}

/** Applies a change; a real write refreshes the Istio objects, their history, the split and the graph badges. */
export function useTrafficChangeApply() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (c: TrafficChange) => sendWrite(writeOf(c, true), WriteResultSchema),
    onSuccess: (out) => {
      // A conflict means the stored object moved on: reload it so the preview diffs against the new version.
      if (out.kind === 'conflict') void qc.invalidateQueries({ queryKey: istioKeys.all });
      if (out.kind !== 'ok') return;
      void qc.invalidateQueries({ queryKey: istioKeys.all });
      void qc.invalidateQueries({ queryKey: trafficKeys.all });
      void qc.invalidateQueries({ queryKey: queryKeys.graph.all });
    },
  });
}
