'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  apiVersionOfKind,
  ConfigListResponseSchema,
  configListPath,
  ConfigObjectResponseSchema,
  HistoryDetailResponseSchema,
  historyEntryPath,
  historyListPath,
  HistoryListResponseSchema,
  objectPath,
  type ObjectRef,
} from '@/lib/api/istio-config';
import { apiGet } from './api-client';

/**
 * Query keys for the Istio config feature, general to specific: invalidating `istioKeys.all` after a write
 * refreshes the list, the object, its history and the counts in one go.
 */
export const istioKeys = {
  all: ['istio'] as const,
  list: (path: string) => ['istio', 'list', path] as const,
  object: (ref: ObjectRef) => ['istio', 'object', ref.namespace, ref.kind, ref.name] as const,
  historyAll: ['istio', 'history'] as const,
  history: (path: string) => ['istio', 'history', path] as const,
  historyEntry: (id: number) => ['istio', 'history-entry', id] as const,
  validate: (text: string) => ['istio-validate', text] as const,
};

/** Config changes are rare and made by people: poll often enough to notice someone else's edit while you look. */
export const ISTIO_POLL_MS = { list: 10_000, object: 10_000, history: 15_000 } as const;

/** `GET /api/istio/config`, polled; previous data stays while a new filter loads. */
export function useIstioConfigList(filter: { namespaces: readonly string[]; kinds: readonly string[] }) {
  const path = configListPath(filter);
  return useQuery({
    queryKey: istioKeys.list(path),
    queryFn: ({ signal }) => apiGet(path, ConfigListResponseSchema, { signal }),
    refetchInterval: ISTIO_POLL_MS.list,
    placeholderData: keepPreviousData,
  });
}

/**
 * Where an object of the page's `ns/Kind/name` lives in the API: the kind's known apiVersion, or, for a kind
 * Meshlens does not list, the apiVersion the store has it under (found through the list).
 */
export function useIstioObjectRef(namespace: string, kind: string, name: string): { ref?: ObjectRef; pending: boolean; error: unknown } {
  const known = apiVersionOfKind(kind);
  const path = configListPath({ namespaces: [namespace], kinds: [kind] });
  const lookup = useQuery({
    queryKey: istioKeys.list(path),
    queryFn: ({ signal }) => apiGet(path, ConfigListResponseSchema, { signal }),
    enabled: known === undefined,
  });
  if (known) return { ref: { namespace, kind, name, apiVersion: known }, pending: false, error: null };
  const found = lookup.data?.items.find((i) => i.object.metadata.name === name);
  // Unknown kinds still get a path; the GET then answers 404 in words the page shows.
  const apiVersion = found?.object.apiVersion ?? (lookup.data ? 'networking.istio.io/v1' : undefined);
  return { ...(apiVersion ? { ref: { namespace, kind, name, apiVersion } } : {}), pending: lookup.isPending, error: lookup.error };
}

/** One object with its stored YAML, polled so an edit by someone else is noticed before saving. */
export function useIstioObject(ref: ObjectRef | undefined) {
  return useQuery({
    queryKey: ref ? istioKeys.object(ref) : ['istio', 'object', 'none'],
    queryFn: ({ signal }) => apiGet(objectPath(ref as ObjectRef), ConfigObjectResponseSchema, { signal }),
    enabled: ref !== undefined,
    refetchInterval: ISTIO_POLL_MS.object,
  });
}

/** The change history of one object (or of everything when the filter is empty), newest first. */
export function useIstioHistory(filter: { namespace?: string; kind?: string; name?: string; limit?: number }) {
  const path = historyListPath(filter);
  return useQuery({
    queryKey: istioKeys.history(path),
    queryFn: ({ signal }) => apiGet(path, HistoryListResponseSchema, { signal }),
    refetchInterval: ISTIO_POLL_MS.history,
  });
}

/** One history entry with its diff; entries never change, so this is fetched once. */
export function useIstioHistoryEntry(id: number | undefined) {
  return useQuery({
    queryKey: istioKeys.historyEntry(id ?? -1),
    queryFn: ({ signal }) => apiGet(historyEntryPath(id as number), HistoryDetailResponseSchema, { signal }),
    enabled: id !== undefined,
    staleTime: Infinity,
  });
}
