/**
 * The canary ladder and the weights it writes. The verdict that decides whether to climb it is
 * `judgeCanaryEvidence` in canary-verdict.ts.
 */
/** The canary ladder: the next weight after `current` (10 → 25 → 50 → 100). */
export const CANARY_STEPS = [10, 25, 50, 100] as const;

export function nextCanaryWeight(current: number): number {
  return CANARY_STEPS.find((s) => s > current) ?? 100;
}

/**
 * Weights after moving the canary to `canaryWeight`: the baseline takes the rest, other versions go to 0.
 */
export function canaryWeights(versions: readonly string[], baseline: string, canary: string, canaryWeight: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of versions) out[v] = 0;
  out[canary] = canaryWeight;
  out[baseline] = 100 - canaryWeight;
  return out;
}
