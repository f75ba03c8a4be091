/**
 * The one place the canary panel gets its verdict. Today it calls the threshold judge in
 * lib/istio/traffic/canary.ts, guarded by a minimum request count so a handful of requests is "not enough data";
 * the statistical judge (`judgeCanaryEvidence(baseline, canary, policy)` in lib/istio/traffic/canary-verdict.ts)
 * takes the same evidence, so swapping it in is a change to this file only.
 */
import type { CanaryEvidence } from '@/lib/api/traffic-figures';
import { judgeCanary, type CanaryJudgement, type CanaryThresholds } from '@/lib/istio/traffic/canary';
import { toVersionStats, type VersionTraffic } from './version-stats';

/** Fewest requests per side over the window before the threshold judge may speak (a stop-gap until the statistical judge). */
export const MIN_CANARY_REQUESTS = 100;

export interface CanaryVerdictInput {
  baseline: { version: string; evidence: CanaryEvidence | undefined; traffic: VersionTraffic | undefined };
  canary: { version: string; evidence: CanaryEvidence | undefined; traffic: VersionTraffic | undefined };
  thresholds: CanaryThresholds;
}

/** The verdict, with "not enough data" and how many requests are missing when either side has too few. */
export function canaryVerdict(i: CanaryVerdictInput): CanaryJudgement {
  for (const side of [i.canary, i.baseline]) {
    const n = side.evidence?.requests ?? 0;
    if (n < MIN_CANARY_REQUESTS) {
      return { verdict: 'insufficient-data', reasons: [`not enough data: ${side.version} has ${n} request${n === 1 ? '' : 's'} in the window, ${MIN_CANARY_REQUESTS - n} more needed`] };
    }
  }
  return judgeCanary(toVersionStats(i.baseline.traffic, i.baseline.version), toVersionStats(i.canary.traffic, i.canary.version), i.thresholds);
}

/** Only a passing canary is offered the primary "step up"; failing, suspicious or undecided ones are not. */
export function mayStepUp(j: CanaryJudgement): boolean {
  return j.verdict === 'healthy';
}
