'use client';

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { ConfigObjectResponse, ObjectRef } from '@/lib/api/istio-config';
import { useIstioObject } from '../data/use-istio-config';
import type { YamlEditorHandle } from './editor/YamlEditor';

/** The stored version an edit started from. */
export interface EditBase {
  yaml: string;
  resourceVersion: string;
  apiVersion: string;
}

const baseOf = (d: ConfigObjectResponse): EditBase => ({ yaml: d.yaml, resourceVersion: d.resourceVersion, apiVersion: d.object.apiVersion });

/**
 * One object's editing session: the stored base, the editor's text, and what the server has now (polled).
 * When the object changes on the server and there are no unsaved edits, the editor follows it; with unsaved
 * edits, `theirs` is set and the page offers to compare, reload or overwrite.
 */
export function useObjectSession(objectRef: ObjectRef | undefined, editor: RefObject<YamlEditorHandle | null>) {
  const query = useIstioObject(objectRef);
  const [base, setBase] = useState<EditBase | null>(null);
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const ownVersions = useRef(new Set<string>());
  const remote = query.data;
  const dirty = base !== null && text !== base.yaml;

  const adopt = useCallback(
    (d: ConfigObjectResponse) => {
      setBase(baseOf(d));
      setText(d.yaml);
      editor.current?.setText(d.yaml);
    },
    [editor],
  );

  useEffect(() => {
    if (!remote) return;
    if (!base) {
      setBase(baseOf(remote));
      setText(remote.yaml);
      return;
    }
    const newVersion = remote.resourceVersion !== base.resourceVersion;
    if (dirty || (!newVersion && remote.yaml === base.yaml)) return;
    // No unsaved edits: follow the server (someone else's change, or our own save as the store wrote it).
    if (newVersion && !ownVersions.current.has(remote.resourceVersion)) setNotice(`Reloaded: the stored object changed (now version ${remote.resourceVersion}).`);
    adopt(remote);
  }, [remote, base, dirty, adopt]);

  /** After a successful save: the saved text becomes the base at the new version. */
  const saved = useCallback((resourceVersion: string, savedText: string) => {
    ownVersions.current.add(resourceVersion);
    setBase((b) => (b ? { ...b, yaml: savedText, resourceVersion } : b));
    setNotice(null);
  }, []);

  /** Keep my text but take their version as the base, so saving overwrites their change knowingly. */
  const rebaseOnTheirs = useCallback(() => {
    if (remote) setBase(baseOf(remote));
  }, [remote]);

  const discardMine = useCallback(() => {
    if (remote) adopt(remote);
    else if (base) {
      setText(base.yaml);
      editor.current?.setText(base.yaml);
    }
  }, [remote, base, adopt, editor]);

  const theirs = base && remote && remote.resourceVersion !== base.resourceVersion && dirty ? remote : undefined;
  return { query, base, text, setText, dirty, theirs, notice, dismissNotice: () => setNotice(null), saved, rebaseOnTheirs, discardMine };
}
