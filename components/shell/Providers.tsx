'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { makeQueryClient } from '../data/query-client';
import { AuthWatch } from '../auth/AuthWatch';

/** Client-side providers. `useState` keeps ONE QueryClient for the life of the tab (not one per render). */
export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={client}>
      <AuthWatch />
      {children}
    </QueryClientProvider>
  );
}
