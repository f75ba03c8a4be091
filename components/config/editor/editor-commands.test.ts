import { EditorState, Transaction, type TransactionSpec } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import { editorCommands, newlineAndIndent, redo, undo } from './editor-commands';

/** Just enough of an EditorView for commands: state plus dispatch. */
function fakeView(doc: string, cursor = doc.length) {
  const v = {
    state: EditorState.create({ doc, selection: { anchor: cursor }, extensions: [editorCommands()] }),
    dispatch(...specs: TransactionSpec[]) {
      v.state = v.state.update(...specs).state;
    },
  };
  return v as unknown as EditorView & { state: EditorState };
}

const type = (v: EditorView, text: string, time: number) =>
  v.dispatch({ changes: { from: v.state.selection.main.head, insert: text }, selection: { anchor: v.state.selection.main.head + text.length }, annotations: [Transaction.userEvent.of('input.type'), Transaction.time.of(time)] });

describe('editor commands', () => {
  it('undoes and redoes, joining quick typing into one step', () => {
    const v = fakeView('subset: v');
    type(v, '4', 1000);
    type(v, '2', 1100);
    type(v, '!', 5000);
    expect(v.state.doc.toString()).toBe('subset: v42!');
    expect(undo(v)).toBe(true);
    expect(v.state.doc.toString()).toBe('subset: v42');
    expect(undo(v)).toBe(true);
    expect(v.state.doc.toString()).toBe('subset: v');
    expect(undo(v)).toBe(false);
    expect(redo(v)).toBe(true);
    expect(v.state.doc.toString()).toBe('subset: v42');
    expect(redo(v)).toBe(true);
    expect(v.state.doc.toString()).toBe('subset: v42!');
    expect(redo(v)).toBe(false);
  });

  it('a new edit after undo drops the redo stack', () => {
    const v = fakeView('a');
    type(v, 'b', 0);
    undo(v);
    type(v, 'c', 5000);
    expect(redo(v)).toBe(false);
    expect(v.state.doc.toString()).toBe('ac');
  });

  it.each([
    ['spec:', 'spec:\n  '],
    ['  hosts:', '  hosts:\n    '],
    ['    - destination:', '    - destination:\n      '],
    ['    - name: v1', '    - name: v1\n      '],
    ['      host: reviews', '      host: reviews\n      '],
    ['    - reviews', '    - reviews\n    '],
  ])('Enter after %j indents', (line, want) => {
    const v = fakeView(line);
    newlineAndIndent(v);
    expect(v.state.doc.toString()).toBe(want);
  });
});
