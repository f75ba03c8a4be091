'use client';

import { useEffect, useRef } from 'react';
import { isTypingTarget } from '../shell/is-typing-target';

/** List page: `/` focuses the search box (ignored while typing elsewhere). */
export function useListShortcuts(focusSearch: () => void): void {
  const ref = useRef(focusSearch);
  useEffect(() => {
    ref.current = focusSearch;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.key !== '/' || isTypingTarget(e.target)) return;
      e.preventDefault();
      ref.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * Editor page: Ctrl/Cmd+S opens the review from anywhere on the page (the editor binds it too; this catches
 * the key when focus is on a button or panel, instead of the browser's "save page" dialog). While there are
 * unsaved edits, leaving or reloading the page asks first.
 */
export function useEditorPageKeys(onSave: () => void, dirty: boolean): void {
  const ref = useRef(onSave);
  useEffect(() => {
    ref.current = onSave;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== 's') return;
      e.preventDefault();
      ref.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (!dirty) return;
    const onLeave = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [dirty]);
}
