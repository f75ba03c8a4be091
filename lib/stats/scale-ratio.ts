/**
 * How many times slower one latency histogram is than another: a Hodges-Lehmann estimate of the scale
 * ratio with a confidence interval, both by inverting the bucketed Mann-Whitney test (the same test whose
 * p-value says "slower", so the interval and the p-value cannot disagree).
 */
import { type Histogram, histogramTotal } from './histogram';
import { smoothCumulativeLog } from './smooth-cdf';
import { type Alternative, mannWhitneyBuckets } from './mann-whitney';
import { normalQuantile } from './normal';

/** Ratios are searched in [1/1000, 1000]; an estimate or bound at an end means "at least/at most this". */
export const RATIO_RANGE = { min: 1e-3, max: 1e3 } as const;

/** A multiplicative latency shift with its confidence bounds. */
export interface ScaleRatio {
  /** r with P(X > r·Y) = ½ under the bucket model: "x is r× y" (1 for equal distributions). */
  estimate: number;
  /** One-sided (1 − α) lower and upper confidence bounds on r; together a (1 − 2α) two-sided interval. */
  low: number;
  high: number;
}

/**
 * Scale ratio of sample `x` to sample `y` (e.g. canary to baseline latency). For a candidate r, `y` is
 * scaled by r and re-bucketed onto `x`'s bounds through {@link smoothCumulative} (a monotone log-cubic
 * through its cumulative counts; the linear rule of `histogram_quantile` biases the ratio low by 5–10 %),
 * then U is computed as in {@link mannWhitneyBuckets}: the estimate is the r where U = n1·n2/2 (the
 * Hodges-Lehmann estimator of a multiplicative shift, i.e. of a shift in log latency), the bounds the r at
 * which the one-sided tests reach z₍₁₋α₎. Each is found by bisection on log r (32 steps), so a call is
 * O(100 · buckets).
 * Assumptions: the two distributions differ (mostly) by a factor, the bucket model, independent requests;
 * resolution is limited by bucket widths (Istio's default buckets are 2–2.5× apart; the shape inside a
 * bucket is modelled, not observed). Measured on log-normal latency sampled into Istio's buckets
 * (200 vs 1000 requests): the 90 % interval covers the true ratio in 81–91 % of seeds for log-sd ≥ 0.5; when
 * most requests sit in one bucket it can miss entirely (see largestBucketShare). Both histograms must be
 * valid and non-empty.
 */
export function scaleRatio(x: Histogram, y: Histogram, alpha: number): ScaleRatio {
  const zCrit = normalQuantile(1 - alpha);
  // rescaleOnto(y, r, x.bounds, smoothCumulative(y)), with the logs of the bounds taken once.
  const model = smoothCumulativeLog(y);
  const logBounds = x.bounds.map((b) => (b === Infinity ? Infinity : b > 0 ? Math.log(b) : -Infinity));
  const total = histogramTotal(y);
  const scaled = new Array<number>(logBounds.length);
  const at = (logR: number, alternative: Alternative) => {
    let prev = 0;
    for (let j = 0; j < logBounds.length; j++) {
      const lb = logBounds[j] as number;
      const cum = lb === Infinity ? total : model(lb - logR);
      scaled[j] = Math.max(0, cum - prev);
      prev = Math.max(prev, cum);
    }
    return mannWhitneyBuckets(x.counts, scaled, alternative);
  };
  // Each function increases with r (scaling y up makes x look smaller). No information (NaN z) is never significant.
  const estimate = root((l) => 0.5 - at(l, 'greater').superiority);
  // Lower bound: below it "x > r·y" is significant. Upper bound: above it "x < r·y" is.
  const low = root((l) => zCrit - zOrNone(at(l, 'greater').z));
  const high = root((l) => zOrNone(at(l, 'less').z) - zCrit);
  return { estimate, low: Math.min(low, estimate), high: Math.max(high, estimate) };
}

const zOrNone = (z: number) => (Number.isNaN(z) ? -Infinity : z);

/** The r in the ratio range where the increasing `g` (of log r) crosses 0; the range end beyond which it does. */
function root(g: (logR: number) => number): number {
  let lo = Math.log(RATIO_RANGE.min);
  let hi = Math.log(RATIO_RANGE.max);
  if (g(lo) >= 0) return RATIO_RANGE.min;
  if (g(hi) <= 0) return RATIO_RANGE.max;
  for (let i = 0; i < 32; i++) {
    const mid = (lo + hi) / 2;
    if (g(mid) < 0) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}
