/**
 * The canary verdict: a canary version judged against its baseline over the same window from their inbound
 * request counts, failures and latency histograms, by Flagger's absolute thresholds plus two comparative
 * tests that account for sample size (Kayenta's Mann-Whitney U on latency; Fisher's exact test on failures).
 *
 * The rule, and why:
 * - **not-enough-data** when either side has fewer than `minRequests` requests (with how many more).
 * - **failing** when the evidence shows harm: a comparative test is significant at α/2 (Bonferroni over the
 *   two comparisons) *and* its estimate is at least the practical floor (`latencyRatioFailing`,
 *   `successDropFailing`); or an absolute threshold is breached by the point estimate *and* an exact binomial
 *   test at α/2 says the true value is past it (one unlucky request among 20 is not a breach). The
 *   comparisons are corrected as a pair; the absolute checks fire only when the point estimate is already
 *   past a threshold, so under identical healthy versions they add nothing (measured: see the bench).
 *   α = 0.01 because a false "failing" rolls a good release back: at one window in a hundred per pair of
 *   tests, and Flagger-style repeated checks on top, false rollbacks stay rare.
 * - **healthy** only when the data rule a failing-size regression out: the one-sided (1 − `equivalenceAlpha`)
 *   upper bounds on the success-rate drop and on the latency ratio are both below their floors, and the
 *   absolute thresholds pass. This is an equivalence (TOST-style) decision: absence of a significant
 *   regression is not evidence of absence. Because "healthy" needs every bound to pass (an intersection-union
 *   test), each bound at 5 % keeps the whole decision at 5 % without correction; 5 % and the 90 % two-sided
 *   interval that goes with it are the bioequivalence convention (FDA: the 90 % CI inside the margins).
 *   Latency is not called healthy when over 2/3 of either side's requests sit in one bucket: the buckets
 *   cannot resolve a 1.5× change there, whatever the interval says.
 * - **inconclusive** otherwise: significant but below the floor with a bound still above it, large but not
 *   significant, or an absolute breach not yet shown. A stable difference smaller than the floor (v3 calling
 *   ratings, say) becomes healthy once its whole interval is below the floor.
 * Every reason names the figures, the test and its p-value or interval.
 */
import { countAtOrBelow, histogramProblem, histogramQuantile, histogramTotal, largestBucketShare, rescaleOnto } from '../../stats/histogram';
import { mannWhitneyBuckets } from '../../stats/mann-whitney';
import { normalQuantile } from '../../stats/normal';
import { binomialTestGreater, fisherExactGreater, newcombeDifference } from '../../stats/proportions';
import { scaleRatio } from '../../stats/scale-ratio';
import { formatMs, formatP, formatPercent, formatPoints, formatRatio } from './canary-verdict-text';

/** One version's inbound latency over the window, as Istio's histogram buckets. */
export interface LatencyHistogram {
  /** Upper bounds in ms, ascending, `+Inf` last (Istio's `istio_request_duration_milliseconds` buckets). */
  bounds: number[];
  /** Requests per bucket over the window, not cumulative (fractional increases are fine). */
  counts: number[];
}

/** What the one traffic derivation measured for one version over the window (inbound, destination-reported first). */
export interface CanaryEvidence {
  version: string;
  /** Inbound requests over the window. */
  requests: number;
  /** Of those, failed requests (as the one traffic derivation counts them). */
  failures: number;
  latency: LatencyHistogram;
}

/** How the verdict decides; every field has a default in {@link DEFAULT_CANARY_POLICY}. */
export interface CanaryPolicy {
  /**
   * Requests per side below which the verdict is not-enough-data. Default 20: the normal approximation
   * of the Mann-Whitney U (with continuity and tie corrections) is adequate from about 20 per side, and a
   * grossly broken canary is then caught in its first window; "healthy" needs more, by its own bounds.
   */
  minRequests: number;
  /** Flagger's absolute floor on the canary's success rate, 0–1 (Flagger's `request-success-rate` min 99). */
  minSuccessRate: number;
  /** Flagger's absolute ceiling on the canary's p99 in ms (Flagger's `request-duration` max 500 ms); off when undefined. */
  maxP99Ms?: number;
  /** Family-wise significance for "failing": each comparative test runs at α/2 (Bonferroni). Default 0.01. */
  alpha: number;
  /**
   * Practical floor on the latency ratio canary/baseline (Hodges-Lehmann scale estimate): a significant
   * slowdown smaller than this is not a failure. Default 1.5: Kayenta-style effect-size gating, and below
   * one Istio bucket width (2–2.5×) the buckets cannot show much more.
   */
  latencyRatioFailing: number;
  /** Practical floor on the success-rate drop vs the baseline, percentage points. Default 1 (Flagger's 99 % floor from ~100 %). */
  successDropFailing: number;
  /** One-sided level of the bounds that must exclude the floors for "healthy". Default 0.05 (see above). */
  equivalenceAlpha: number;
}

/** Flagger's absolute thresholds (99 % success, 500 ms p99) plus the comparative defaults justified field by field above. */
export const DEFAULT_CANARY_POLICY: CanaryPolicy = Object.freeze({
  minRequests: 20,
  minSuccessRate: 0.99,
  maxP99Ms: 500,
  alpha: 0.01,
  latencyRatioFailing: 1.5,
  successDropFailing: 1,
  equivalenceAlpha: 0.05,
});

/** healthy: a failing-size regression is ruled out; failing: shown; inconclusive: neither yet; not-enough-data: below minRequests. */
export type CanaryVerdictKind = 'healthy' | 'failing' | 'inconclusive' | 'not-enough-data';

/** Latency quantiles in ms with Prometheus's histogram_quantile semantics (undefined without requests). */
export interface Quantiles {
  p50?: number;
  p95?: number;
  p99?: number;
}

/** The verdict with its evidence: counts become rates, tests give p-values and intervals, thresholds say pass or not. */
export interface CanaryVerdict {
  verdict: CanaryVerdictKind;
  /** Human sentences, failing causes first, then what is undecided, then what passed. */
  reasons: string[];
  /** More requests needed per side (not-enough-data only). */
  needed?: { version: string; requests: number }[];
  success: {
    /** Success rates 0–1 (NaN for a side without requests). */
    baseline: number;
    canary: number;
    /** Canary minus baseline success rate (0–1 scale; negative = canary worse), with the two-sided (1 − 2·equivalenceAlpha) Newcombe interval. */
    difference: { estimate: number; low: number; high: number };
    /** Fisher's exact one-sided p-value that the canary fails more often than the baseline. */
    pValue?: number;
  };
  latency: {
    baseline: Quantiles;
    canary: Quantiles;
    /** Mann-Whitney U one-sided p-value that the canary is slower. */
    pValue?: number;
    /** Canary/baseline latency ratio (Hodges-Lehmann scale estimate; 1 = same, 2 = twice as slow). */
    effect?: number;
    /** The ratio's two-sided (1 − 2·equivalenceAlpha) interval. */
    ratio?: { estimate: number; low: number; high: number };
    /** P(canary request slower than a baseline one) + ½·P(tie): 0.5 = no difference. */
    superiority?: number;
  };
  thresholds: {
    minSuccessRate: { value: number; pass: boolean; pValue?: number };
    maxP99Ms?: { value: number; pass: boolean; pValue?: number };
  };
  /** Confidence level of the intervals shown (1 − 2·equivalenceAlpha, 0.9 by default). */
  confidence: number;
}

/** The policy with defaults filled in; throws RangeError on a value no test could use. */
export function resolveCanaryPolicy(policy: Partial<CanaryPolicy> = {}): CanaryPolicy {
  const p: CanaryPolicy = { ...DEFAULT_CANARY_POLICY, ...Object.fromEntries(Object.entries(policy).filter(([, v]) => v !== undefined)) };
  const bad = (what: string) => {
    throw new RangeError(`canary policy: ${what}`);
  };
  if (!(p.minRequests >= 1) || !Number.isFinite(p.minRequests)) bad('minRequests must be at least 1');
  if (!(p.minSuccessRate >= 0 && p.minSuccessRate <= 1)) bad('minSuccessRate must be within 0–1');
  if (p.maxP99Ms !== undefined && !(p.maxP99Ms > 0)) bad('maxP99Ms must be positive');
  if (!(p.alpha > 0 && p.alpha < 1)) bad('alpha must be within (0, 1)');
  if (!(p.latencyRatioFailing > 1) || !Number.isFinite(p.latencyRatioFailing)) bad('latencyRatioFailing must be above 1');
  if (!(p.successDropFailing > 0 && p.successDropFailing <= 100)) bad('successDropFailing must be within (0, 100] points');
  if (!(p.equivalenceAlpha > 0 && p.equivalenceAlpha < 0.5)) bad('equivalenceAlpha must be within (0, 0.5)');
  return p;
}

/** Non-finite or negative counts become 0; failures never exceed requests. */
function clean(e: CanaryEvidence): CanaryEvidence {
  const requests = Number.isFinite(e.requests) && e.requests > 0 ? e.requests : 0;
  const failures = Number.isFinite(e.failures) && e.failures > 0 ? Math.min(e.failures, requests) : 0;
  return { ...e, requests, failures };
}

/**
 * Most requests in one bucket leave the ratio unresolved (see largestBucketShare): above this share
 * "healthy" is not claimed on latency. 2/3 measured: at a true 1.5× slowdown, log-normal latency with
 * the largest bucket under 2/3 reads "below 1.5×" in at most ~11 % of seeds (5–8 % when spread wider);
 * above it, up to every seed does (σ ≤ 0.2 inside one 2× bucket).
 */
const MAX_BUCKET_SHARE = 2 / 3;

function concentration(e: CanaryEvidence, version: string): string | undefined {
  const share = largestBucketShare(e.latency);
  if (share <= MAX_BUCKET_SHARE) return undefined;
  const i = e.latency.counts.indexOf(Math.max(...e.latency.counts));
  const upper = e.latency.bounds[i] as number;
  const lower = i > 0 ? (e.latency.bounds[i - 1] as number) : 0;
  const range = upper === Infinity ? `above ${formatMs(lower)}` : `${formatMs(lower)}–${formatMs(upper)}`;
  return `${Math.round(share * 100)}% of ${version} requests sit in one bucket (${range})`;
}

function quantiles(h: LatencyHistogram, usable: boolean): Quantiles {
  if (!usable) return {};
  return { p50: histogramQuantile(h, 0.5), p95: histogramQuantile(h, 0.95), p99: histogramQuantile(h, 0.99) };
}

/**
 * Judges `canary` against `baseline` (same window, inbound telemetry) under `policy` (defaults:
 * {@link DEFAULT_CANARY_POLICY}); the rule is in this module's header. O(buckets): about 250 passes over
 * the buckets in all (the ratio's bisections), microseconds for Istio's 20 buckets.
 */
export function judgeCanaryEvidence(baselineIn: CanaryEvidence, canaryIn: CanaryEvidence, policy?: Partial<CanaryPolicy>): CanaryVerdict {
  const p = resolveCanaryPolicy(policy);
  const base = clean(baselineIn);
  const can = clean(canaryIn);
  const each = p.alpha / 2;
  const zEq = normalQuantile(1 - p.equivalenceAlpha);
  const rate = (e: CanaryEvidence) => (e.requests > 0 ? 1 - e.failures / e.requests : NaN);
  const baseProblem = histogramProblem(base.latency);
  const canProblem = histogramProblem(can.latency);
  const baseN = baseProblem ? 0 : histogramTotal(base.latency);
  const canN = canProblem ? 0 : histogramTotal(can.latency);
  const latencyUsable = baseN > 0 && canN > 0;

  const failing: string[] = [];
  const undecided: string[] = [];
  const passed: string[] = [];
  const out: CanaryVerdict = {
    verdict: 'inconclusive',
    reasons: [],
    success: { baseline: rate(base), canary: rate(can), difference: { estimate: NaN, low: NaN, high: NaN } },
    latency: { baseline: quantiles(base.latency, baseN > 0), canary: quantiles(can.latency, canN > 0) },
    thresholds: { minSuccessRate: { value: p.minSuccessRate, pass: rate(can) >= p.minSuccessRate } },
    confidence: 1 - 2 * p.equivalenceAlpha,
  };
  if (base.requests > 0 && can.requests > 0) {
    const d = newcombeDifference(can.requests - can.failures, can.requests, base.requests - base.failures, base.requests, zEq);
    out.success.difference = { estimate: d.estimate, low: d.low, high: d.high };
  }
  if (p.maxP99Ms !== undefined) {
    const p99 = out.latency.canary.p99;
    out.thresholds.maxP99Ms = { value: p.maxP99Ms, pass: p99 !== undefined && p99 <= p.maxP99Ms };
  }

  const short = [base, can].filter((e) => e.requests < p.minRequests);
  if (short.length > 0) {
    out.verdict = 'not-enough-data';
    out.needed = short.map((e) => ({ version: e.version, requests: Math.ceil(p.minRequests - e.requests) }));
    out.reasons = short.map((e) => `${e.version}: ${Math.floor(e.requests)} requests in the window, ${Math.ceil(p.minRequests - e.requests)} more needed (at least ${p.minRequests} per version)`);
    return out;
  }

  const v = can.version;
  const b = base.version;
  const pct = `${Math.round(out.confidence * 100)}%`;
  const bound = `${Math.round((1 - p.equivalenceAlpha) * 100)}% bound`;

  // Absolute floor on success (Flagger), decided on evidence.
  const canRate = out.success.canary;
  if (out.thresholds.minSuccessRate.pass) passed.push(`${v} success ${formatPercent(canRate)} meets the ${formatPercent(p.minSuccessRate)} floor`);
  else {
    const pv = binomialTestGreater(can.failures, can.requests, 1 - p.minSuccessRate);
    out.thresholds.minSuccessRate.pValue = pv;
    const what = `${v} success ${formatPercent(canRate)} (${Math.round(can.failures)} of ${Math.round(can.requests)} failed) is below the ${formatPercent(p.minSuccessRate)} floor`;
    if (pv < each) failing.push(`${what}; ${formatP(pv)} (exact binomial)`);
    else undecided.push(`${what}, not yet significant (${formatP(pv)}, exact binomial)`);
  }

  // Absolute ceiling on p99 (Flagger), decided on evidence: more than 1 % of requests above it.
  const ceiling = out.thresholds.maxP99Ms;
  if (ceiling && p.maxP99Ms !== undefined) {
    const p99 = out.latency.canary.p99;
    if (p99 === undefined) undecided.push(`${v} has no latency histogram to check the ${formatMs(p.maxP99Ms)} p99 ceiling${canProblem ? ` (${canProblem})` : ''}`);
    else if (ceiling.pass) passed.push(`${v} p99 ${formatMs(p99)} is within the ${formatMs(p.maxP99Ms)} ceiling`);
    else {
      const above = canN - countAtOrBelow(can.latency, p.maxP99Ms);
      const pv = binomialTestGreater(above, canN, 0.01);
      ceiling.pValue = pv;
      const what = `${v} p99 ${formatMs(p99)} is over the ${formatMs(p.maxP99Ms)} ceiling (${Math.round(above)} of ${Math.round(canN)} requests above it)`;
      if (pv < each) failing.push(`${what}; ${formatP(pv)} (exact binomial)`);
      else undecided.push(`${what}, not yet significant (${formatP(pv)}, exact binomial)`);
    }
  }

  // Success compared with the baseline.
  const diff = out.success.difference;
  const pSuccess = fisherExactGreater(can.failures, can.requests, base.failures, base.requests);
  out.success.pValue = pSuccess;
  const drop = -diff.estimate * 100;
  const dropBound = -diff.low * 100;
  const successText = `${v} success ${formatPercent(canRate)} vs ${b} ${formatPercent(out.success.baseline)}`;
  if (pSuccess < each && drop >= p.successDropFailing) failing.push(`${successText}: ${formatPoints(drop)} lower, ${formatP(pSuccess)} (Fisher's exact), at or over the ${formatPoints(p.successDropFailing)} floor`);
  else if (dropBound < p.successDropFailing) passed.push(`${successText}: any drop is under ${formatPoints(Math.max(0, dropBound))} (${bound}), below the ${formatPoints(p.successDropFailing)} floor`);
  else undecided.push(`${successText}: a drop of ${formatPoints(p.successDropFailing)} or more is not ruled out yet (${bound} ${formatPoints(dropBound)}; ${formatP(pSuccess)}, Fisher's exact)`);

  // Latency compared with the baseline.
  if (!latencyUsable) {
    const why = baseProblem ?? canProblem ?? 'no requests in a latency histogram';
    undecided.push(`latency cannot be compared: ${why}`);
  } else {
    const mw = mannWhitneyBuckets(can.latency.counts, rescaleOnto(base.latency, 1, can.latency.bounds), 'greater');
    const ratio = scaleRatio(can.latency, base.latency, p.equivalenceAlpha);
    Object.assign(out.latency, { pValue: mw.pValue, effect: ratio.estimate, ratio, superiority: mw.superiority });
    const text = `${v} p50 ${formatMs(out.latency.canary.p50)}, p95 ${formatMs(out.latency.canary.p95)} vs ${b} ${formatMs(out.latency.baseline.p50)}, ${formatMs(out.latency.baseline.p95)}: ${formatRatio(ratio.estimate)} (${pct} CI ${formatRatio(ratio.low)}–${formatRatio(ratio.high)})`;
    const floor = formatRatio(p.latencyRatioFailing);
    const concentrated = concentration(base, b) ?? concentration(can, v);
    if (mw.pValue < each && ratio.estimate >= p.latencyRatioFailing) failing.push(`${text}; slower with ${formatP(mw.pValue)} (Mann-Whitney U), at or over the ${floor} floor`);
    else if (ratio.high < p.latencyRatioFailing && concentrated) undecided.push(`${text}, but ${concentrated}: the buckets cannot rule out a ${floor} change`);
    else if (ratio.high < p.latencyRatioFailing) passed.push(`${text}, below the ${floor} floor${mw.pValue < each ? ` (a real but small difference, ${formatP(mw.pValue)})` : ''}`);
    else undecided.push(`${text}: a ${floor} slowdown is not ruled out yet (${formatP(mw.pValue)}, Mann-Whitney U)`);
  }

  out.verdict = failing.length > 0 ? 'failing' : undecided.length > 0 ? 'inconclusive' : 'healthy';
  out.reasons = [...failing, ...undecided, ...passed];
  return out;
}
