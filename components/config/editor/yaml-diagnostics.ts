import type { Diagnostic } from '@codemirror/lint';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { ValidationMessage } from '@/lib/api/validation';

/** A span of the editor text, as character offsets. */
export interface Span {
  from: number;
  to: number;
}

const SEVERITY: Record<ValidationMessage['level'], Diagnostic['severity']> = { Error: 'error', Warning: 'warning', Info: 'info' };

/** Start offset of each line (index 0 is line 1). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/**
 * The span a 1-based line/column points at: from the column to the end of the key (`subset` in `subset: v4`), or
 * of the word there, so the squiggle sits under the field the message is about rather than under the whole line.
 */
export function spanAt(text: string, line: number, column = 1): Span {
  const starts = lineStarts(text);
  const l = Math.min(Math.max(line, 1), starts.length);
  const lineStart = starts[l - 1] ?? 0;
  const lineEnd = l < starts.length ? (starts[l] as number) - 1 : text.length;
  const from = Math.min(lineStart + Math.max(column, 1) - 1, lineEnd);
  const rest = text.slice(from, lineEnd);
  const token = /^(- )?("[^"]*"|'[^']*'|[^:\s#]+)/.exec(rest);
  const to = token ? from + token[0].length : lineEnd;
  // An empty line still gets a one-character mark so the message is visible and reachable.
  if (to > from) return { from, to };
  return from < text.length ? { from, to: from + 1 } : { from: Math.max(0, text.length - 1), to: text.length };
}

/** Splits `spec.http[0].route[1].destination.subset` into keys and indexes. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (part[2] !== undefined) out.push(Number(part[2]));
    else if (part[1] !== undefined) out.push(part[1]);
  }
  return out;
}

/**
 * Where a field path sits in the YAML text: the key of the deepest field that exists (a message about a missing
 * field lands on its parent). Undefined when the text does not parse into a mapping.
 */
export function locatePath(text: string, path: string): Span | undefined {
  const doc = parseDocument(text, { keepSourceTokens: false });
  let node: unknown = doc.contents;
  if (!isMap(node)) return undefined;
  let best: Span | undefined;
  for (const seg of parsePath(path)) {
    if (typeof seg === 'number' && isSeq(node)) {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item?.range) break;
      const lineNo = lineOf(text, item.range[0]);
      best = spanAt(text, lineNo, item.range[0] - (lineStarts(text)[lineNo - 1] ?? 0) + 1);
      node = item;
    } else if (typeof seg === 'string' && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
      if (!pair || !isScalar(pair.key) || !pair.key.range) break;
      best = { from: pair.key.range[0], to: pair.key.range[1] };
      node = pair.value;
    } else break;
  }
  return best;
}

/** A syntax error found by the validator (400 from POST /api/istio/validate). */
export interface SyntaxProblem {
  message: string;
  line?: number;
  column?: number;
}

/**
 * Editor diagnostics from validation messages: at the line/column the validator gave (positions in the posted
 * text), else at the field path found in the text, else at the first line — a message is never dropped.
 */
export function toDiagnostics(text: string, messages: readonly ValidationMessage[], syntax?: SyntaxProblem): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (syntax) {
    const span = syntax.line ? spanAt(text, syntax.line, syntax.column) : spanAt(text, 1);
    out.push({ ...span, severity: 'error', source: 'YAML', message: syntax.message });
  }
  for (const m of messages) {
    const span = m.line ? spanAt(text, m.line, m.column) : ((m.path ? locatePath(text, m.path) : undefined) ?? spanAt(text, 1));
    out.push({ ...span, severity: SEVERITY[m.level], source: m.code, message: m.message });
  }
  return out.sort((a, b) => a.from - b.from);
}

/** 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
