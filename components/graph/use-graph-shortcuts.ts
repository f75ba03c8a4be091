'use client';

import { useEffect, useRef } from 'react';
import { isTypingTarget } from '../shell/is-typing-target';

export interface GraphShortcutHandlers {
  focusFind: () => void;
  fit: () => void;
  relayout: () => void;
  toggleAnimate: () => void;
  clearSelection: () => void;
}

/** Graph page keys: `/` find, `f` fit, `l` layout, `a` animation, `Esc` clear selection. */
export function useGraphShortcuts(handlers: GraphShortcutHandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      const h = ref.current;
      const action = { '/': h.focusFind, f: h.fit, l: h.relayout, a: h.toggleAnimate, Escape: h.clearSelection }[e.key];
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
