'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { redirectIfSignedOut } from './auth-client';

/**
 * Render once inside the QueryClient provider: when any query or mutation comes back 401 (signed out, session
 * expired, token revoked), the browser goes to the sign-in page and returns here afterwards. Renders nothing.
 */
export function AuthWatch({ onSignedOut = redirectIfSignedOut }: { onSignedOut?: (err: unknown) => boolean }) {
  const client = useQueryClient();
  useEffect(() => {
    const stopQueries = client.getQueryCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'error') onSignedOut(e.action.error);
    });
    const stopMutations = client.getMutationCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'error') onSignedOut(e.action.error);
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [client, onSignedOut]);
  return null;
}
