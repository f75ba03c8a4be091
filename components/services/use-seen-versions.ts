'use client';

import { useRef } from 'react';
import type { VersionTraffic } from './version-stats';

/**
 * Every version seen in the live window since the page opened. A version drained by a shift drops out of the
 * graph (no edge without requests), but its charts should stay and show the fall to zero.
 */
export function useSeenVersions(current: readonly VersionTraffic[]): VersionTraffic[] {
  const seen = useRef(new Map<string, VersionTraffic>());
  for (const v of current) seen.current.set(v.version, v);
  return [...seen.current.values()].sort((a, b) => a.version.localeCompare(b.version, undefined, { numeric: true }));
}
