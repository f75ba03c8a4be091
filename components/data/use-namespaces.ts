import { useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';
import { POLL_MS } from './query-client';
import { queryKeys } from './query-keys';
import { NamespacesSchema } from './schemas';

/** Namespaces known to the server, for pickers. */
export function useNamespaces() {
  return useQuery({
    queryKey: queryKeys.namespaces(),
    queryFn: ({ signal }) => apiGet('/api/namespaces', NamespacesSchema, { signal }),
    refetchInterval: POLL_MS.namespaces,
  });
}
