/**
 * The one place the canary panel gets its verdict: the statistical judge `judgeCanaryEvidence` in
 * lib/istio/traffic/canary-verdict.ts (Mann-Whitney U on latency buckets, Fisher's exact test on failures, Flagger's
 * absolute floors), fed with the per-version inbound evidence the service traffic endpoint derives (lib/traffic).
 */
import type { CanaryEvidence } from '@/lib/api/traffic-figures';
import { DEFAULT_CANARY_POLICY, judgeCanaryEvidence, type CanaryVerdict } from '@/lib/istio/traffic/canary-verdict';

/** The policy fields a person may tune on the page (kept in the URL); the rest stay at the library's defaults. */
export interface CanaryKnobs {
  /** Requests per side before any verdict. */
  minRequests: number;
  /** Flagger's floor on the canary's success rate, percent. */
  minSuccessPercent: number;
  /** Flagger's ceiling on the canary's p99, ms. */
  maxP99Ms: number;
  /** A significant slowdown fails only when at least this ratio (canary / baseline). */
  latencyRatioFailing: number;
  /** A significant success drop fails only when at least this many percentage points. */
  successDropFailing: number;
}

export const DEFAULT_CANARY_KNOBS: CanaryKnobs = Object.freeze({
  minRequests: DEFAULT_CANARY_POLICY.minRequests,
  minSuccessPercent: DEFAULT_CANARY_POLICY.minSuccessRate * 100,
  maxP99Ms: DEFAULT_CANARY_POLICY.maxP99Ms ?? 500,
  latencyRatioFailing: DEFAULT_CANARY_POLICY.latencyRatioFailing,
  successDropFailing: DEFAULT_CANARY_POLICY.successDropFailing,
});

/** The order of the knobs in the URL's `thr=` list. */
export const CANARY_KNOB_KEYS = ['minRequests', 'minSuccessPercent', 'maxP99Ms', 'latencyRatioFailing', 'successDropFailing'] as const satisfies readonly (keyof CanaryKnobs)[];

const none = (version: string): CanaryEvidence => ({ version, requests: 0, failures: 0, latency: { bounds: [Infinity], counts: [0] } });

/** The verdict of `canary` against `baseline`; a version without evidence counts as no requests (not-enough-data). */
export function canaryVerdict(i: { baseline: { version: string; evidence: CanaryEvidence | undefined }; canary: { version: string; evidence: CanaryEvidence | undefined }; knobs: CanaryKnobs }): CanaryVerdict {
  const side = (s: { version: string; evidence: CanaryEvidence | undefined }) => (s.evidence ? { ...s.evidence, version: s.version } : none(s.version));
  const k = i.knobs;
  try {
    return judgeCanaryEvidence(side(i.baseline), side(i.canary), {
      minRequests: k.minRequests,
      minSuccessRate: Math.min(1, k.minSuccessPercent / 100),
      maxP99Ms: k.maxP99Ms,
      latencyRatioFailing: k.latencyRatioFailing,
      successDropFailing: k.successDropFailing,
    });
  } catch (err) {
    // A knob no test can use (e.g. a ratio below 1): judge with the defaults and say so.
    const v = judgeCanaryEvidence(side(i.baseline), side(i.canary));
    return { ...v, reasons: [`thresholds ignored (${err instanceof Error ? err.message : String(err)}); judged with the defaults`, ...v.reasons] };
  }
}

/** Only a healthy canary is offered the primary "step up"; failing, inconclusive or short of data ones are not. */
export function mayStepUp(v: CanaryVerdict): boolean {
  return v.verdict === 'healthy';
}
