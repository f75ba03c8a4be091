import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';

/** How often each kind of data is polled, in ms. The graph page polls at the user's refresh pick instead. */
export const POLL_MS = {
  health: 10_000,
  overview: 10_000,
  namespaces: 30_000,
  targets: 10_000,
  elementMetrics: 15_000,
} as const;

/**
 * The app's one QueryClient. Shared defaults: short stale time (this is live telemetry), no retries
 * for client errors (a 404 stays a 404), two quick retries for network and server errors.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 2_000,
        gcTime: 5 * 60_000,
        refetchOnWindowFocus: true,
        refetchIntervalInBackground: false,
        retry: (failureCount, error) => {
          if (error instanceof ApiError && error.isClientError) return false;
          return failureCount < 2;
        },
        retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4_000),
      },
    },
  });
}
