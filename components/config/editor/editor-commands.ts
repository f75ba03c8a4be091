import { Annotation, EditorSelection, StateEffect, StateField, Transaction, type ChangeSet, type Extension } from '@codemirror/state';
import { keymap, type Command } from '@codemirror/view';

/*
 * Undo/redo and YAML-friendly Enter/indent commands. @codemirror/commands is not installed (the `codemirror`
 * dependency resolved to a CodeMirror 5 build), so the few commands the editor needs are implemented here.
 */

interface Entry {
  /** Changes that undo (or redo) the step, applicable to the current document. */
  changes: ChangeSet;
  /** The selection to restore with them. */
  selection: EditorSelection;
  time: number;
  userEvent: string | undefined;
}

interface History {
  done: readonly Entry[];
  undone: readonly Entry[];
}

const MAX_STEPS = 300;
/** Typing within this many ms of the previous keystroke joins one undo step, as editors usually do. */
const JOIN_MS = 600;

const fromHistory = Annotation.define<boolean>();
const setHistory = StateEffect.define<History>();
/** Dispatch this effect to forget the history (after loading another version into the editor). */
export const clearHistory = StateEffect.define<null>();

const historyField = StateField.define<History>({
  create: () => ({ done: [], undone: [] }),
  update(h, tr) {
    for (const e of tr.effects) {
      if (e.is(setHistory)) return e.value;
      if (e.is(clearHistory)) return { done: [], undone: [] };
    }
    if (!tr.docChanged || tr.annotation(fromHistory) || tr.annotation(Transaction.addToHistory) === false) return h;
    const inverse = tr.changes.invert(tr.startState.doc);
    const time = tr.annotation(Transaction.time) ?? 0;
    const userEvent = tr.annotation(Transaction.userEvent);
    const last = h.done[h.done.length - 1];
    if (last && userEvent?.startsWith('input.type') && last.userEvent === userEvent && time - last.time < JOIN_MS) {
      // Undoing "A then B" is "undo B, then undo A".
      const joined: Entry = { changes: inverse.compose(last.changes), selection: last.selection, time, userEvent };
      return { done: [...h.done.slice(0, -1), joined], undone: [] };
    }
    const entry: Entry = { changes: inverse, selection: tr.startState.selection, time, userEvent };
    return { done: [...h.done.slice(-MAX_STEPS), entry], undone: [] };
  },
});

function step(from: 'done' | 'undone'): Command {
  return (view) => {
    const h = view.state.field(historyField, false);
    const stack = h?.[from];
    const e = stack?.[stack.length - 1];
    if (!h || !stack || !e) return false;
    const back: Entry = { changes: e.changes.invert(view.state.doc), selection: view.state.selection, time: 0, userEvent: undefined };
    const next: History = from === 'done' ? { done: h.done.slice(0, -1), undone: [...h.undone, back] } : { done: [...h.done, back], undone: h.undone.slice(0, -1) };
    view.dispatch({
      changes: e.changes,
      selection: e.selection,
      effects: setHistory.of(next),
      annotations: [fromHistory.of(true), Transaction.userEvent.of(from === 'done' ? 'undo' : 'redo')],
      scrollIntoView: true,
    });
    return true;
  };
}

export const undo = step('done');
export const redo = step('undone');

/** Enter keeps the line's indentation, and indents one level more after `key:` or `- key:`. */
export const newlineAndIndent: Command = (view) => {
  const { state } = view;
  view.dispatch(
    state.changeByRange((range) => {
      const line = state.doc.lineAt(range.from);
      const before = line.text.slice(0, range.from - line.from);
      let indent = /^\s*/.exec(line.text)?.[0] ?? '';
      if (/:\s*$/.test(before)) indent += '  ';
      else if (/^\s*- [^\s:]+:\s/.test(before)) indent += '  ';
      const insert = `\n${indent}`;
      return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.cursor(range.from + insert.length) };
    }),
    { scrollIntoView: true, userEvent: 'input' },
  );
  return true;
};

function shiftLines(dir: 1 | -1): Command {
  return (view) => {
    const { state } = view;
    const changes: { from: number; to?: number; insert?: string }[] = [];
    const seen = new Set<number>();
    for (const r of state.selection.ranges) {
      for (let n = state.doc.lineAt(r.from).number; n <= state.doc.lineAt(r.to).number; n++) {
        if (seen.has(n)) continue;
        seen.add(n);
        const line = state.doc.line(n);
        if (dir > 0) changes.push({ from: line.from, insert: '  ' });
        else {
          const lead = /^ {1,2}/.exec(line.text)?.[0].length ?? 0;
          if (lead) changes.push({ from: line.from, to: line.from + lead });
        }
      }
    }
    if (changes.length) view.dispatch({ changes, userEvent: dir > 0 ? 'input.indent' : 'delete.dedent' });
    return true;
  };
}

/**
 * History plus the editor's keys. Tab is left alone on purpose so keyboard users can leave the editor;
 * Mod-] and Mod-[ indent and dedent.
 */
export function editorCommands(onSave?: () => void): Extension {
  return [
    historyField,
    keymap.of([
      { key: 'Mod-z', run: undo, preventDefault: true },
      { key: 'Mod-Shift-z', run: redo, preventDefault: true },
      { key: 'Mod-y', run: redo, preventDefault: true },
      { key: 'Enter', run: newlineAndIndent },
      { key: 'Mod-]', run: shiftLines(1), preventDefault: true },
      { key: 'Mod-[', run: shiftLines(-1), preventDefault: true },
      ...(onSave ? [{ key: 'Mod-s', run: () => (onSave(), true), preventDefault: true }] : []),
    ]),
  ];
}
