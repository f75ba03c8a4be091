'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';

/**
 * The page's view state in the URL query (bookmarkable). `set` merges a patch (undefined or '' removes a key)
 * and replaces the history entry, as the other pages do.
 */
export function useUrlParams(): [URLSearchParams, (patch: Record<string, string | undefined>) => void] {
  const params = useSearchParams();
  const pathname = usePathname() ?? '/';
  const current = new URLSearchParams(params?.toString() ?? '');
  const set = useCallback(
    (patch: Record<string, string | undefined>) => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      const qs = next.toString();
      window.history.replaceState(null, '', qs ? `${pathname}?${qs}` : pathname);
    },
    [pathname],
  );
  return [current, set];
}
