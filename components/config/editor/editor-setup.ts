import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, foldGutter, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, lineNumbers } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/** Token colours in the app's palette (app/globals.css tokens), readable on the dark background. */
const highlight = HighlightStyle.define([
  { tag: [t.propertyName, t.definition(t.propertyName)], color: '#8ab8ff' },
  { tag: [t.string, t.special(t.string)], color: '#a5d68f' },
  { tag: [t.number, t.bool, t.null, t.atom], color: '#f2c55c' },
  { tag: [t.comment, t.lineComment], color: '#7d8593', fontStyle: 'italic' },
  { tag: [t.meta, t.documentMeta, t.labelName], color: '#c79bf2' },
  { tag: [t.punctuation, t.separator, t.bracket, t.squareBracket, t.brace], color: '#9aa3b0' },
  { tag: t.invalid, color: '#ff9a9f' },
]);

const theme = EditorView.theme(
  {
    '&': { backgroundColor: 'var(--bg-sunken)', color: 'var(--text)', fontSize: '13px', height: '100%' },
    '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.5' },
    '.cm-content': { caretColor: 'var(--text-strong)' },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text-strong)' },
    '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'rgba(87, 148, 242, 0.3) !important' },
    '.cm-gutters': { backgroundColor: 'var(--bg-raised)', color: 'var(--text-faint)', borderRight: '1px solid var(--border)' },
    '.cm-activeLine': { backgroundColor: 'rgba(255, 255, 255, 0.035)' },
    '.cm-activeLineGutter': { backgroundColor: 'var(--bg-hover)', color: 'var(--text)' },
    '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-2px' },
    '.cm-tooltip': { backgroundColor: 'var(--bg-raised)', border: '1px solid var(--border-strong)', color: 'var(--text)' },
    '.cm-tooltip-lint': { maxWidth: '560px' },
    '.cm-diagnostic': { padding: '4px 8px' },
    '.cm-diagnostic-error': { borderLeftColor: 'var(--err)' },
    '.cm-diagnostic-warning': { borderLeftColor: 'var(--warn)' },
    '.cm-diagnostic-info': { borderLeftColor: 'var(--accent)' },
    '.cm-diagnosticSource': { color: 'var(--text-muted)' },
    '.cm-panels': { backgroundColor: 'var(--bg-raised)', color: 'var(--text)' },
    '.cm-panel.cm-panel-lint ul [aria-selected]': { backgroundColor: 'var(--bg-active)' },
    '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent-strong)', color: '#fff' },
    '.cm-tooltip-autocomplete > ul': { fontFamily: 'var(--font-mono)' },
    '.cm-completionDetail': { color: 'var(--text-muted)', marginLeft: '10px', fontStyle: 'normal', fontFamily: 'var(--font-sans)' },
    '.cm-foldPlaceholder': { backgroundColor: 'var(--bg-active)', border: 'none', color: 'var(--text-muted)' },
  },
  { dark: true },
);

/** What every YAML view shares: line numbers, folding, highlighting, the theme. */
export function yamlBase(): Extension {
  return [lineNumbers(), foldGutter(), highlightActiveLineGutter(), highlightActiveLine(), drawSelection(), bracketMatching(), indentOnInput(), yaml(), syntaxHighlighting(highlight), EditorState.tabSize.of(2), theme];
}

/** A read-only YAML view (diffs, other people's versions). */
export function yamlReadOnly(): Extension {
  return [yamlBase(), EditorState.readOnly.of(true), EditorView.editable.of(false)];
}
