import type { SchemaError } from '../check-schema';
import { hostProblem } from './hosts';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** istiod's DestinationRule rules beyond the CRD schema: a valid host and unique, named subsets. */
export function destinationRuleProblems(spec: unknown): SchemaError[] {
  const s = rec(spec);
  if (!s) return [];
  const out: SchemaError[] = [];
  if (typeof s.host === 'string') {
    const p = hostProblem(s.host);
    if (p) out.push({ path: ['spec', 'host'], message: p });
  }
  const seen = new Set<string>();
  arr(s.subsets).forEach((sub, i) => {
    const name = rec(sub)?.name;
    if (typeof name !== 'string' || name === '') {
      out.push({ path: ['spec', 'subsets', i, 'name'], message: 'subset name is required' });
      return;
    }
    if (seen.has(name)) out.push({ path: ['spec', 'subsets', i, 'name'], message: `duplicate subset name ${JSON.stringify(name)}` });
    seen.add(name);
  });
  return out;
}
