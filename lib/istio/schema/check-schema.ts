import { evaluateRule } from './cel-rules';
import type { SchemaNode } from './schema-node';

export type SchemaPath = (string | number)[];

/** One schema violation, with the field path relative to the checked value's root. */
export interface SchemaError {
  path: SchemaPath;
  message: string;
}

const TYPE_NAME: Record<NonNullable<SchemaNode['t']>, string> = { o: 'object', a: 'array', s: 'string', i: 'integer', n: 'number', b: 'boolean' };

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeOk(t: NonNullable<SchemaNode['t']>, v: unknown): boolean {
  switch (t) {
    case 'o':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'a':
      return Array.isArray(v);
    case 's':
      return typeof v === 'string';
    case 'i':
      return typeof v === 'number' && Number.isInteger(v);
    case 'n':
      return typeof v === 'number' && Number.isFinite(v);
    case 'b':
      return typeof v === 'boolean';
  }
}

/**
 * Checks a value against a compact CRD schema as the Kubernetes API server would: types, unknown fields
 * (unless preserved), enums, required fields, bounds, patterns, at-most-one-of groups and CEL rules. Nulls count as absent,
 * as the API server prunes them. Returns every violation found (not just the first).
 */
export function checkSchema(value: unknown, node: SchemaNode, path: SchemaPath = []): SchemaError[] {
  const errors: SchemaError[] = [];
  walk(value, node, path, errors);
  return errors;
}

function walk(v: unknown, n: SchemaNode, path: SchemaPath, errors: SchemaError[]): void {
  if (v === null || v === undefined) return;
  if (n.is) {
    if (!(typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)))) errors.push({ path, message: `expected integer or string, got ${kindOf(v)}` });
    return;
  }
  if (n.t && !typeOk(n.t, v)) {
    errors.push({ path, message: `expected ${TYPE_NAME[n.t]}, got ${kindOf(v)}` });
    return;
  }
  for (const rule of n.v ?? []) {
    if (evaluateRule(rule.r, v) === false) errors.push({ path, message: rule.m });
  }
  if (n.e && !n.e.includes(v as string | number)) {
    errors.push({ path, message: `unsupported value ${JSON.stringify(v)}: must be one of ${n.e.map((e) => JSON.stringify(e)).join(', ')}` });
  }
  if (typeof v === 'string') {
    if (n.nl !== undefined && v.length < n.nl) errors.push({ path, message: `must be at least ${n.nl} character(s) long` });
    if (n.xl !== undefined && v.length > n.xl) errors.push({ path, message: `must be at most ${n.xl} characters long` });
    const re = n.pt === undefined ? undefined : pattern(n.pt);
    if (re && !re.test(v)) errors.push({ path, message: `${JSON.stringify(v)} does not match ${JSON.stringify(n.pt)}` });
  }
  if (typeof v === 'number') {
    if (n.min !== undefined && v < n.min) errors.push({ path, message: `must be at least ${n.min}, got ${v}` });
    if (n.max !== undefined && v > n.max) errors.push({ path, message: `must be at most ${n.max}, got ${v}` });
  }
  if (Array.isArray(v)) {
    if (n.ni !== undefined && v.length < n.ni) errors.push({ path, message: `must have at least ${n.ni} item(s)` });
    if (n.xi !== undefined && v.length > n.xi) errors.push({ path, message: `must have at most ${n.xi} items` });
    const item = n.i;
    v.forEach((x, idx) => {
      // Array items cannot be null (unlike object fields, which the API server prunes).
      if (x === null && item && !item.nu) errors.push({ path: [...path, idx], message: `expected ${item.t ? TYPE_NAME[item.t] : 'a value'}, got null` });
      else if (item) walk(x, item, [...path, idx], errors);
    });
    if (n.lk) duplicates(v, n.lk, path, errors);
    return;
  }
  if (typeof v !== 'object') return;
  const obj = v as Record<string, unknown>;
  const count = Object.keys(obj).length;
  if (n.np !== undefined && count < n.np) errors.push({ path, message: `must have at least ${n.np} field(s)` });
  if (n.xp !== undefined && count > n.xp) errors.push({ path, message: `must have at most ${n.xp} fields` });
  for (const r of n.r ?? []) if (obj[r] === undefined || obj[r] === null) errors.push({ path: [...path, r], message: `missing required field ${JSON.stringify(r)}` });
  for (const group of n.one ?? []) {
    const set = group.filter((f) => obj[f] !== undefined && obj[f] !== null);
    if (set.length > 1) errors.push({ path: [...path, set[1] as string], message: `only one of ${group.join(', ')} may be set (found ${set.join(', ')})` });
  }
  for (const [k, child] of Object.entries(obj)) {
    const prop = n.p?.[k];
    if (prop) walk(child, prop, [...path, k], errors);
    else if (n.m) walk(child, n.m, [...path, k], errors);
    else if (n.p && !n.x) errors.push({ path: [...path, k], message: `unknown field ${JSON.stringify(k)}` });
  }
}

/** Items of a list-map (same key fields) or set (same value) that repeat an earlier one: the API server refuses them. */
function duplicates(v: unknown[], mapKeys: string[], path: SchemaPath, errors: SchemaError[]): void {
  const seen = new Set<string>();
  v.forEach((x, idx) => {
    const key = mapKeys.length === 0 ? JSON.stringify(x) : JSON.stringify(mapKeys.map((k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined)));
    if (seen.has(key)) errors.push({ path: [...path, idx], message: `duplicate value ${key}` });
    seen.add(key);
  });
}

const patterns = new Map<string, RegExp | null>();

/** The pattern as a JavaScript RegExp, or null when RE2 syntax has no JavaScript equivalent (then unchecked). */
function pattern(src: string): RegExp | null {
  let re = patterns.get(src);
  if (re === undefined) {
    try {
      re = new RegExp(src, 'u');
    } catch {
      re = null;
    }
    patterns.set(src, re);
  }
  return re;
}

/** Formats a path as `spec.http[0].route` for messages. */
export function schemaPathString(path: SchemaPath): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? seg : `.${seg}`;
  return s;
}
