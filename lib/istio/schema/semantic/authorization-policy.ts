import type { SchemaError } from '../check-schema';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * istiod's AuthorizationPolicy rules beyond the CRD schema: CUSTOM needs a provider and only CUSTOM may have
 * one, AUDIT/DENY/CUSTOM need rules to mean anything, and rule values are not empty strings.
 */
export function authorizationPolicyProblems(spec: unknown): SchemaError[] {
  const s = rec(spec) ?? {};
  const out: SchemaError[] = [];
  const action = typeof s.action === 'string' ? s.action : 'ALLOW';
  const provider = rec(s.provider);
  if (action === 'CUSTOM' && !provider) out.push({ path: ['spec', 'provider'], message: 'a provider must be specified for CUSTOM action' });
  if (action !== 'CUSTOM' && provider) out.push({ path: ['spec', 'provider'], message: 'a provider may only be specified for CUSTOM action' });
  arr(s.rules).forEach((r, i) => {
    const rule = rec(r);
    if (!rule) return;
    const check = (list: unknown, path: (string | number)[]) =>
      arr(list).forEach((v, k) => {
        if (v === '') out.push({ path: [...path, k], message: 'empty value is not allowed, it matches nothing' });
      });
    arr(rule.from).forEach((f, j) => {
      const src = rec(rec(f)?.source) ?? {};
      for (const [k, v] of Object.entries(src)) check(v, ['spec', 'rules', i, 'from', j, 'source', k]);
    });
    arr(rule.to).forEach((t, j) => {
      const op = rec(rec(t)?.operation) ?? {};
      for (const [k, v] of Object.entries(op)) check(v, ['spec', 'rules', i, 'to', j, 'operation', k]);
    });
    arr(rule.when).forEach((w, j) => {
      const c = rec(w);
      if (c && arr(c.values).length === 0 && arr(c.notValues).length === 0) out.push({ path: ['spec', 'rules', i, 'when', j], message: 'condition must have values or notValues' });
    });
  });
  return out;
}
