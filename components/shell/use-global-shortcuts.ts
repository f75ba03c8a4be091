'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { NAV_ITEMS } from './nav-items';
import { isTypingTarget } from './is-typing-target';

/** How long after `g` the second key of a "go to" chord is accepted. */
const CHORD_WINDOW_MS = 1200;

/**
 * App-wide keys: `g` then a section key navigates (g o, g g, g t, g c, like GitHub/Gmail),
 * `?` toggles the shortcut help. Ignored while typing in a field or with modifier keys held.
 */
export function useGlobalShortcuts(onToggleHelp: () => void): void {
  const router = useRouter();
  useEffect(() => {
    let chordUntil = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (e.key === '?') {
        e.preventDefault();
        onToggleHelp();
        return;
      }
      const now = performance.now();
      if (now < chordUntil) {
        chordUntil = 0;
        const item = NAV_ITEMS.find((i) => i.key === e.key);
        if (item) {
          e.preventDefault();
          router.push(item.href);
        }
        return;
      }
      if (e.key === 'g') chordUntil = now + CHORD_WINDOW_MS;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [router, onToggleHelp]);
}
