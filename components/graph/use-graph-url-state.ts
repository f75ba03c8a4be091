'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseGraphView, serializeGraphView, type GraphViewState } from './graph-url-state';

/**
 * The graph view state, living in the URL (bookmarkable, back button works). `update` merges a patch and
 * replaces the history entry, so fiddling with pickers does not flood the back stack.
 */
export function useGraphUrlState(): [GraphViewState, (patch: Partial<GraphViewState>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname() ?? '/graph';
  const key = params?.toString() ?? '';
  const view = useMemo(() => parseGraphView(new URLSearchParams(key)), [key]);
  const update = useCallback(
    (patch: Partial<GraphViewState>) => {
      const next = serializeGraphView({ ...parseGraphView(new URLSearchParams(window.location.search)), ...patch });
      if (next !== window.location.search.replace(/^\?/, '')) router.replace(`${pathname}?${next}`, { scroll: false });
    },
    [router, pathname],
  );
  return [view, update];
}
