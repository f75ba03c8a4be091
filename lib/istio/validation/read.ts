/**
 * Defensive readers for untrusted object fields: analyzers run on whatever YAML users send, before or without
 * schema validation, so they read through these instead of trusting the static types.
 */

export type Rec = Record<string, unknown>;

/** The value as a plain object, or undefined. */
export function rec(v: unknown): Rec | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined;
}

/** The value as an array (empty when it is not one). */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The value as a string, or undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The value as a finite number (numeric strings accepted, as YAML users write ports both ways), or undefined. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

/** The value as a string→string map (non-string values dropped), or undefined. */
export function strMap(v: unknown): Record<string, string> | undefined {
  const r = rec(v);
  if (!r) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(r)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** Reads a nested field: `dig(obj, 'spec', 'trafficPolicy', 'tls')`. */
export function dig(v: unknown, ...path: (string | number)[]): unknown {
  let cur = v;
  for (const p of path) {
    if (typeof p === 'number') cur = Array.isArray(cur) ? cur[p] : undefined;
    else cur = rec(cur)?.[p];
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** The object's labels. */
export function labelsOf(o: { metadata?: unknown }): Record<string, string> {
  return strMap(rec(o.metadata)?.labels) ?? {};
}

/** The object's annotations. */
export function annotationsOf(o: { metadata?: unknown }): Record<string, string> {
  return strMap(rec(o.metadata)?.annotations) ?? {};
}
