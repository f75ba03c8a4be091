'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { configStatusByService, type ServiceConfigStatus } from '@/lib/istio/config-status';
import { ConfigListResponseSchema, configListPath } from '@/lib/api/istio-config';
import { apiGet } from './api-client';
import { istioKeys, ISTIO_POLL_MS } from './use-istio-config';

/** Validation findings rolled up per service (`namespace/name`), for badges on the graph. */
export function useConfigStatus(namespaces: readonly string[]): Map<string, ServiceConfigStatus> | undefined {
  const path = configListPath({ namespaces, kinds: [] });
  const q = useQuery({
    queryKey: istioKeys.list(path),
    queryFn: ({ signal }) => apiGet(path, ConfigListResponseSchema, { signal }),
    refetchInterval: ISTIO_POLL_MS.list,
    enabled: namespaces.length > 0,
  });
  return useMemo(() => (q.data ? configStatusByService(q.data.items) : undefined), [q.data]);
}
