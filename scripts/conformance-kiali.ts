import type { CaseResult } from './conformance-istio';

/** Kiali fixture checks; filled in below as Kiali checkers land. */
export function runKialiChecks(_root: string): CaseResult[] {
  return [];
}
