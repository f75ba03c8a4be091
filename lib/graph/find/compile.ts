import { FIELDS, FLAGS, NODE_TYPE_ALIASES, type FindElement, type Target } from './fields';
import { parseFind, type CompareOp, type FindExpr } from './parse';
import { FindSyntaxError } from './tokenize';

/** A compiled expression: which kind of element it is about, and a test for one element. */
export interface FindMatcher {
  target: Target;
  test: (el: FindElement) => boolean;
}

export type CompileResult = { ok: true; matcher: FindMatcher } | { ok: false; error: { message: string; at: number } };

/**
 * Parses and checks a find/hide expression (Kiali's language: `app = reviews`, `%httperr > 5`, `!mtls`,
 * `node = svc or rt > 100`...). Unknown operands, non-numeric values for numeric operands, string operators
 * on numbers, and `and` across node and edge criteria are errors, reported with a position.
 */
export function compileFind(src: string): CompileResult {
  try {
    return { ok: true, matcher: compile(parseFind(src)) };
  } catch (err) {
    if (err instanceof FindSyntaxError) return { ok: false, error: { message: err.message, at: err.at } };
    throw err;
  }
}

const applies = (target: Target, el: FindElement) => target === 'any' || target === el.kind;

function compile(e: FindExpr): FindMatcher {
  switch (e.type) {
    case 'or': {
      const items = e.items.map(compile);
      const targets = new Set(items.map((m) => m.target));
      const target: Target = targets.size === 1 ? (items[0] as FindMatcher).target : 'any';
      return { target, test: (el) => items.some((m) => m.test(el)) };
    }
    case 'and': {
      const items = e.items.map(compile);
      let target: Target = 'any';
      for (const [i, m] of items.entries()) {
        if (m.target === 'any') continue;
        if (target !== 'any' && target !== m.target) {
          throw new FindSyntaxError('Cannot "and" node criteria with edge criteria', firstAt(e.items[i] as FindExpr));
        }
        target = m.target;
      }
      return { target, test: (el) => applies(target, el) && items.every((m) => m.test(el)) };
    }
    case 'not': {
      // Negation stays within the operand's kind: `!mtls` finds edges without mTLS, never nodes.
      const inner = compile(e.item);
      return { target: inner.target, test: (el) => applies(inner.target, el) && !inner.test(el) };
    }
    case 'flag':
      return compileFlag(e.name, e.at);
    case 'compare':
      return compileCompare(e.field, e.op, e.value, e.at);
  }
}

function firstAt(e: FindExpr): number {
  if (e.type === 'or' || e.type === 'and') return firstAt(e.items[0] as FindExpr);
  if (e.type === 'not') return firstAt(e.item);
  return e.at;
}

function compileFlag(name: string, at: number): FindMatcher {
  const spec = FLAGS[name.toLowerCase()];
  if (!spec) {
    const hint = FIELDS[name.toLowerCase()] ? ` ("${name}" needs an operator and a value, e.g. ${name} > 0)` : '';
    throw new FindSyntaxError(`Unknown operand "${name}"${hint}`, at);
  }
  switch (spec.target) {
    case 'node':
      return { target: 'node', test: (el) => el.kind === 'node' && spec.test(el.data) };
    case 'edge':
      return { target: 'edge', test: (el) => el.kind === 'edge' && spec.test(el.data) };
    case 'any':
      return { target: 'any', test: (el) => spec.test(el.data) };
  }
}

const NUMERIC_OPS: ReadonlySet<CompareOp> = new Set(['eq', 'ne', 'gt', 'lt', 'ge', 'le']);

function compileCompare(field: string, op: CompareOp, raw: string, at: number): FindMatcher {
  const spec = FIELDS[field.toLowerCase()];
  if (!spec) {
    const hint = FLAGS[field.toLowerCase()] ? ` ("${field}" takes no value: write just ${field} or !${field})` : '';
    throw new FindSyntaxError(`Unknown operand "${field}"${hint}`, at);
  }
  if (spec.type === 'number') {
    if (!NUMERIC_OPS.has(op)) throw new FindSyntaxError(`"${field}" is numeric: use = != > < >= <=`, at);
    const want = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(want)) {
      throw new FindSyntaxError(`"${field}" needs a number, not "${raw}" (use "." for decimals)`, at);
    }
    const cmp = numberTest(op, want);
    if (spec.target === 'node') return { target: 'node', test: (el) => el.kind === 'node' && cmp(spec.get(el.data)) };
    return { target: 'edge', test: (el) => el.kind === 'edge' && cmp(spec.get(el.data)) };
  }
  if (['gt', 'lt', 'ge', 'le'].includes(op)) throw new FindSyntaxError(`"${field}" is text: > and < do not apply`, at);
  let value = raw;
  if (spec.type === 'nodeType') {
    const canonical = NODE_TYPE_ALIASES[raw.toLowerCase()];
    if (!canonical) {
      throw new FindSyntaxError(`Unknown node type "${raw}": expected app, service, workload or unknown`, at);
    }
    value = canonical;
  }
  const cmp = stringTest(op, value);
  if (spec.target === 'node') return { target: 'node', test: (el) => el.kind === 'node' && cmp(spec.get(el.data)) };
  return { target: 'edge', test: (el) => el.kind === 'edge' && cmp(spec.get(el.data)) };
}

function numberTest(op: CompareOp, want: number): (v: number | undefined) => boolean {
  switch (op) {
    case 'eq':
      return (v) => v === want;
    case 'ne':
      return (v) => v !== want;
    case 'gt':
      return (v) => v !== undefined && v > want;
    case 'lt':
      return (v) => v !== undefined && v < want;
    case 'ge':
      return (v) => v !== undefined && v >= want;
    case 'le':
      return (v) => v !== undefined && v <= want;
    default:
      return () => false;
  }
}

/**
 * Text comparisons are case-insensitive. A multi-valued operand (`name` = app, service or workload) matches
 * when any value matches; its negations match when no value matches.
 */
function stringTest(op: CompareOp, want: string): (values: (string | undefined)[]) => boolean {
  const w = want.toLowerCase();
  const positive: Record<string, (v: string) => boolean> = {
    eq: (v) => v === w,
    ne: (v) => v === w,
    contains: (v) => v.includes(w),
    notContains: (v) => v.includes(w),
    startsWith: (v) => v.startsWith(w),
    notStartsWith: (v) => v.startsWith(w),
    endsWith: (v) => v.endsWith(w),
    notEndsWith: (v) => v.endsWith(w),
  };
  const match = positive[op] ?? (() => false);
  const negated = op === 'ne' || op.startsWith('not');
  return (values) => {
    const any = values.some((v) => v !== undefined && match(v.toLowerCase()));
    return negated ? !any : any;
  };
}
