import { useQuery } from '@tanstack/react-query';
import { apiGet } from '@/components/data/api-client';
import { AUTH_INFO_KEY, authInfoSchema } from './auth-client';

/** Who is signed in, and whether they may write (`GET /api/auth/info`). */
export function useAuthInfo() {
  return useQuery({ queryKey: AUTH_INFO_KEY, queryFn: ({ signal }) => apiGet('/api/auth/info', authInfoSchema, { signal }), staleTime: 30_000 });
}
