'use client';

import { autocompletion } from '@codemirror/autocomplete';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { clearHistory, editorCommands } from './editor-commands';
import { yamlBase } from './editor-setup';
import { istioCompletionSource } from './schema-complete';

export interface YamlEditorHandle {
  /** Replaces the whole text (a reload): forgets undo history. */
  setText(text: string): void;
  getText(): string;
  /** Moves the cursor to a 1-based line (and column) and focuses the editor. */
  goTo(line: number, column?: number): void;
  focus(): void;
}

export interface YamlEditorProps {
  initialText: string;
  onChange: (text: string) => void;
  /** Lint markers, with the text they were computed for: applied only while the editor still holds that text. */
  diagnostics: readonly Diagnostic[];
  diagnosticsFor: string | undefined;
  onSave?: () => void;
  /** Accessible name of the editing area. */
  label: string;
  testId?: string;
}

/**
 * The CodeMirror 6 YAML editor. The view is created once and driven through calls (as the graph canvas is):
 * React re-renders never rebuild it, so the cursor, undo history and scroll position survive polling.
 */
export const YamlEditor = forwardRef<YamlEditorHandle, YamlEditorProps>(function YamlEditor({ initialText, onChange, diagnostics, diagnosticsFor, onSave, label, testId }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  const onSaveRef = useRef(onSave);
  onChangeRef.current = onChange;
  onSaveRef.current = onSave;
  // Read once: the view is created once (a later prop change must not rebuild it and lose the text).
  const initial = useRef({ text: initialText, label });

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial.current.text,
        extensions: [
          editorCommands(() => onSaveRef.current?.()),
          keymap.of(lintKeymap),
          yamlBase(),
          lintGutter(),
          // Field names and enum values from the Istio CRD schemas; Ctrl+Space asks on an empty line.
          autocompletion({ override: [istioCompletionSource], icons: false }),
          EditorView.contentAttributes.of({ 'aria-label': initial.current.label, 'aria-multiline': 'true' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChangeRef.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v || diagnosticsFor === undefined) return;
    // Markers computed for an older text would point at the wrong places; the ones shown are mapped through
    // edits by CodeMirror until the answer for the newest text arrives.
    if (v.state.doc.toString() !== diagnosticsFor) return;
    v.dispatch(setDiagnostics(v.state, [...diagnostics]));
  }, [diagnostics, diagnosticsFor]);

  useImperativeHandle(
    ref,
    () => ({
      setText(text) {
        const v = view.current;
        if (!v) return;
        v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text }, effects: clearHistory.of(null), selection: { anchor: 0 } });
      },
      getText: () => view.current?.state.doc.toString() ?? '',
      goTo(line, column = 1) {
        const v = view.current;
        if (!v) return;
        const l = v.state.doc.line(Math.min(Math.max(1, line), v.state.doc.lines));
        const pos = Math.min(l.from + column - 1, l.to);
        v.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
        v.focus();
      },
      focus: () => view.current?.focus(),
    }),
    [],
  );

  return <div ref={host} className="cf-editor" data-testid={testId} />;
});
