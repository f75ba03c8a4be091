import { useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';
import { POLL_MS } from './query-client';
import { queryKeys } from './query-keys';
import { HealthSchema } from './schemas';

/** Server liveness for the shell's status light. */
export function useHealth() {
  return useQuery({
    queryKey: queryKeys.health(),
    queryFn: ({ signal }) => apiGet('/api/health', HealthSchema, { signal }),
    refetchInterval: POLL_MS.health,
    retry: false,
  });
}
