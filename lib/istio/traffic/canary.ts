/** Per-version traffic over the canary window. */
export interface VersionStats {
  version: string;
  /** Requests per second. */
  requestRate: number;
  /** Share of requests that did not fail (0–1); undefined with no requests. */
  successRate?: number;
  /** p95 latency in ms; undefined with no requests. */
  p95Ms?: number;
}

export interface CanaryThresholds {
  /** Success-rate drop (in percentage points) vs the baseline that makes the canary suspicious / failing. */
  successDropSuspicious: number;
  successDropFailing: number;
  /** p95 ratio canary/baseline that makes the canary suspicious / failing. */
  latencyRatioSuspicious: number;
  latencyRatioFailing: number;
  /** Below this request rate (req/s) the canary has too little traffic to judge. */
  minRequestRate: number;
}

export const DEFAULT_CANARY_THRESHOLDS: CanaryThresholds = {
  successDropSuspicious: 1,
  successDropFailing: 5,
  latencyRatioSuspicious: 1.5,
  latencyRatioFailing: 2.5,
  minRequestRate: 0.05,
};

export type Verdict = 'healthy' | 'suspicious' | 'failing' | 'insufficient-data';

export interface CanaryJudgement {
  verdict: Verdict;
  reasons: string[];
  /** Canary minus baseline, percentage points. */
  successDelta?: number;
  /** Canary p95 / baseline p95. */
  latencyRatio?: number;
}

/**
 * Judges a canary against its baseline over the same window: the worse of the success-rate and latency
 * signals decides; too little traffic on either side is "insufficient-data", never "healthy".
 */
export function judgeCanary(baseline: VersionStats, canary: VersionStats, t: CanaryThresholds = DEFAULT_CANARY_THRESHOLDS): CanaryJudgement {
  if (canary.requestRate < t.minRequestRate || baseline.requestRate < t.minRequestRate || canary.successRate === undefined || baseline.successRate === undefined) {
    return { verdict: 'insufficient-data', reasons: [`${canary.requestRate < t.minRequestRate ? canary.version : baseline.version} receives too little traffic to judge (under ${t.minRequestRate} req/s)`] };
  }
  const reasons: string[] = [];
  let verdict: Verdict = 'healthy';
  const worsen = (v: Verdict) => {
    if (v === 'failing' || (v === 'suspicious' && verdict === 'healthy')) verdict = v;
  };
  const successDelta = (canary.successRate - baseline.successRate) * 100;
  const drop = -successDelta;
  if (drop >= t.successDropFailing) {
    worsen('failing');
    reasons.push(`success rate ${drop.toFixed(1)} points below ${baseline.version}`);
  } else if (drop >= t.successDropSuspicious) {
    worsen('suspicious');
    reasons.push(`success rate ${drop.toFixed(1)} points below ${baseline.version}`);
  }
  const out: CanaryJudgement = { verdict, reasons, successDelta };
  if (canary.p95Ms !== undefined && baseline.p95Ms !== undefined && baseline.p95Ms > 0) {
    const ratio = canary.p95Ms / baseline.p95Ms;
    out.latencyRatio = ratio;
    if (ratio >= t.latencyRatioFailing) {
      worsen('failing');
      reasons.push(`p95 latency ${ratio.toFixed(1)}× ${baseline.version}'s`);
    } else if (ratio >= t.latencyRatioSuspicious) {
      worsen('suspicious');
      reasons.push(`p95 latency ${ratio.toFixed(1)}× ${baseline.version}'s`);
    }
  }
  out.verdict = verdict;
  if (reasons.length === 0) reasons.push(`within thresholds of ${baseline.version}`);
  return out;
}

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
