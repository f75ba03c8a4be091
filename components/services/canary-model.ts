import type { ServiceTraffic } from '@/lib/api/traffic';
import { canaryWeights, nextCanaryWeight } from '@/lib/istio/traffic/canary';
import type { CanaryVerdict } from '@/lib/istio/traffic/canary-verdict';
import { canaryVerdict, type CanaryKnobs } from './canary-verdict-adapter';
import type { VersionTraffic } from './version-stats';
import { currentWeights } from './weights-model';

/**
 * Who is compared with whom: explicit picks (from the URL) win; else the oldest version with traffic is the
 * baseline and the newest with traffic the canary. When one version holds everything, it is the baseline if it
 * is the oldest (the newest is the canary to start), else it is the canary (a canary at 100%, the oldest its baseline).
 */
export function pickPair(versions: readonly string[], weights: Record<string, number>, chosen: { baseline?: string; canary?: string }): { baseline?: string; canary?: string } {
  const first = versions[0];
  const last = versions[versions.length - 1];
  const weighted = versions.filter((v) => (weights[v] ?? 0) > 0);
  let baseline: string | undefined;
  let canary: string | undefined;
  if (weighted.length >= 2) [baseline, canary] = [weighted[0], weighted[weighted.length - 1]];
  else if (weighted.length === 1 && weighted[0] !== first) [baseline, canary] = [first, weighted[0]];
  else [baseline, canary] = [first, last];
  const known = (v: string | undefined) => (v && versions.includes(v) ? v : undefined);
  baseline = known(chosen.baseline) ?? baseline;
  canary = known(chosen.canary) ?? canary;
  // Never compare a version with itself: fall back to another one.
  if (canary === baseline) canary = [...versions].reverse().find((v) => v !== baseline);
  return { ...(baseline ? { baseline } : {}), ...(canary ? { canary } : {}) };
}

export interface CanaryView {
  baseline: string;
  canary: string;
  judgement: CanaryVerdict;
  /** The canary's stored weight and the next rung of the ladder (undefined at 100). */
  weight: number;
  next?: { weight: number; weights: Record<string, number> };
  rollback: Record<string, number>;
}

/** Everything the canary panel shows and offers, from the split, the live window and the verdict's knobs. */
export function canaryView(traffic: ServiceTraffic, live: readonly VersionTraffic[], pair: { baseline: string; canary: string }, knobs: CanaryKnobs): CanaryView {
  const { weights } = currentWeights(traffic);
  const versions = Object.keys(weights);
  const side = (version: string) => {
    const traffic = live.find((x) => x.version === version);
    return { version, evidence: traffic?.evidence };
  };
  const weight = weights[pair.canary] ?? 0;
  const nextWeight = nextCanaryWeight(weight);
  return {
    ...pair,
    judgement: canaryVerdict({ baseline: side(pair.baseline), canary: side(pair.canary), knobs }),
    weight,
    ...(weight < 100 ? { next: { weight: nextWeight, weights: canaryWeights(versions, pair.baseline, pair.canary, nextWeight) } } : {}),
    rollback: canaryWeights(versions, pair.baseline, pair.canary, 0),
  };
}
