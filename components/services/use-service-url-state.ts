'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseServiceView, serializeServiceView, type ServiceViewState } from './service-url-state';

/**
 * The service page's view state, living in the URL. `update` merges a patch and replaces the history entry
 * (no server round trip: Next keeps useSearchParams in sync with the History API).
 */
export function useServiceUrlState(): [ServiceViewState, (patch: Partial<ServiceViewState>) => void] {
  const params = useSearchParams();
  const pathname = usePathname() ?? '/services';
  const key = params?.toString() ?? '';
  const view = useMemo(() => parseServiceView(new URLSearchParams(key)), [key]);
  const update = useCallback(
    (patch: Partial<ServiceViewState>) => {
      const next = serializeServiceView({ ...parseServiceView(new URLSearchParams(window.location.search)), ...patch });
      if (next !== window.location.search.replace(/^\?/, '')) window.history.replaceState(null, '', next ? `${pathname}?${next}` : pathname);
    },
    [pathname],
  );
  return [view, update];
}
