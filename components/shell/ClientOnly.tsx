'use client';

import { useSyncExternalStore, type ReactNode } from 'react';

const noSubscription = () => () => {};

/**
 * False while rendering on the server and while hydrating, true after. Pages are rendered per request (for the
 * CSP nonce), but their content comes from client-side queries: a query that resolved before its part of the
 * page hydrated would render differently from the server's HTML. Content behind this renders only after hydration.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/** Renders `children` once hydrated, `fallback` on the server and during hydration. */
export function ClientOnly({ children, fallback = null }: { children: ReactNode; fallback?: ReactNode }) {
  return useHydrated() ? children : fallback;
}
