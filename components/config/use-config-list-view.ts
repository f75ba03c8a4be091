'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseListView, serializeListView, type ConfigListView } from './config-url-state';

/** The list's filters, living in the URL (replaceState: typing in the search box must not flood the back stack). */
export function useConfigListView(): [ConfigListView, (patch: Partial<ConfigListView>) => void] {
  const params = useSearchParams();
  const pathname = usePathname() ?? '/config';
  const key = params?.toString() ?? '';
  const view = useMemo(() => parseListView(new URLSearchParams(key)), [key]);
  const update = useCallback(
    (patch: Partial<ConfigListView>) => {
      const next = serializeListView({ ...parseListView(new URLSearchParams(window.location.search)), ...patch });
      if (next !== window.location.search.replace(/^\?/, '')) window.history.replaceState(null, '', next ? `${pathname}?${next}` : pathname);
    },
    [pathname],
  );
  return [view, update];
}
