'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseGraphView, serializeGraphView, type GraphViewState } from './graph-url-state';

/**
 * The graph view state, living in the URL (bookmarkable). `update` merges a patch and replaces the history
 * entry, so fiddling with pickers does not flood the back stack.
 */
export function useGraphUrlState(): [GraphViewState, (patch: Partial<GraphViewState>) => void] {
  const params = useSearchParams();
  const pathname = usePathname() ?? '/graph';
  const key = params?.toString() ?? '';
  const view = useMemo(() => parseGraphView(new URLSearchParams(key)), [key]);
  const update = useCallback(
    (patch: Partial<GraphViewState>) => {
      const next = serializeGraphView({ ...parseGraphView(new URLSearchParams(window.location.search)), ...patch });
      // The native History API (which Next keeps in sync with useSearchParams) changes the URL without a
      // server round trip: clicking a node must not refetch the page.
      if (next !== window.location.search.replace(/^\?/, '')) window.history.replaceState(null, '', `${pathname}?${next}`);
    },
    [pathname],
  );
  return [view, update];
}
