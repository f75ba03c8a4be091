/**
 * Latency histograms as Istio exports them over a window: ascending upper bounds in ms with `+Inf` last, and
 * the number of requests per bucket (not cumulative). Within a bucket observations are assumed spread
 * uniformly, as Prometheus's `histogram_quantile` assumes (the first bucket from 0); the `+Inf` bucket has no
 * width and is treated as "above every finite bound".
 */
import { quantileSorted } from '../metrics/histogram';

/** A non-cumulative histogram: `counts[i]` observations in (`bounds[i-1]`, `bounds[i]`]. */
export interface Histogram {
  /** Upper bounds, strictly ascending, the last `Infinity`. */
  bounds: readonly number[];
  /** Observations (or fractional increases) per bucket, each finite and ≥ 0. */
  counts: readonly number[];
}

/**
 * Why a histogram cannot be used, or undefined when it can: bounds strictly ascending, non-negative, the
 * last `+Inf`; counts as many as bounds, finite and ≥ 0. O(buckets).
 */
export function histogramProblem(h: Histogram): string | undefined {
  const { bounds, counts } = h;
  if (bounds.length < 1 || bounds[bounds.length - 1] !== Infinity) return 'bounds must end with +Inf';
  if (counts.length !== bounds.length) return `${counts.length} counts for ${bounds.length} bounds`;
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i] as number;
    if (Number.isNaN(b) || b < 0 || (i > 0 && b <= (bounds[i - 1] as number))) return 'bounds must be ascending, distinct and ≥ 0';
    const c = counts[i] as number;
    if (!Number.isFinite(c) || c < 0) return 'counts must be finite and ≥ 0';
  }
  return undefined;
}

/** Total observations of a (valid) histogram. */
export function histogramTotal(h: Histogram): number {
  let n = 0;
  for (const c of h.counts) n += c;
  return n;
}

/**
 * The φ-quantile with Prometheus's `histogram_quantile` semantics (linear interpolation within the bucket
 * holding rank φ·total, the first bucket from 0, the highest finite bound when the rank falls in `+Inf`):
 * the one derivation in `lib/metrics/histogram.ts`, fed the cumulative counts. Undefined without observations.
 */
export function histogramQuantile(h: Histogram, phi: number): number | undefined {
  const cumulative = new Array<number>(h.counts.length);
  let run = 0;
  for (let i = 0; i < h.counts.length; i++) cumulative[i] = run += h.counts[i] as number;
  const q = quantileSorted(phi, h.bounds, cumulative);
  return Number.isFinite(q) ? q : undefined;
}

/**
 * Observations at or below `x` under the uniform-within-bucket model: exact at bucket bounds; for x beyond
 * the last finite bound, everything but the `+Inf` bucket. Monotone and continuous in x below that bound.
 */
export function countAtOrBelow(h: Histogram, x: number): number {
  const { bounds, counts } = h;
  let below = 0;
  let lower = 0;
  for (let i = 0; i < bounds.length; i++) {
    const upper = bounds[i] as number;
    const c = counts[i] as number;
    if (upper === Infinity) return below;
    if (x >= upper) {
      below += c;
      lower = upper;
      continue;
    }
    return x <= lower ? below : below + (c * (x - lower)) / (upper - lower);
  }
  return below;
}

/**
 * `h` with every observation multiplied by `scale` (> 0), re-bucketed onto `bounds` (ascending, `+Inf` last)
 * under `model` (counts at or below x; default the uniform-within-bucket rule); `+Inf` stays `+Inf`. With
 * scale 1 and equal bounds it is `h` itself under any model that passes through the cumulative counts.
 * Counts become fractional: mass is spread, never invented (the total is kept).
 */
export function rescaleOnto(h: Histogram, scale: number, bounds: readonly number[], model: (x: number) => number = (x) => countAtOrBelow(h, x)): number[] {
  const total = histogramTotal(h);
  const out = new Array<number>(bounds.length);
  let prev = 0;
  for (let j = 0; j < bounds.length; j++) {
    const b = bounds[j] as number;
    const at = b === Infinity ? total : model(b / scale);
    out[j] = Math.max(0, at - prev);
    prev = Math.max(prev, at);
  }
  return out;
}

/**
 * The largest share of observations in one bucket (0–1; 0 when empty). When most requests sit in a single
 * bucket the histogram cannot resolve a change smaller than that bucket's width (2–2.5× for Istio's
 * defaults): any within-bucket shape fits, so a model-based ratio bound is a guess there.
 */
export function largestBucketShare(h: Histogram): number {
  const total = histogramTotal(h);
  if (!(total > 0)) return 0;
  let max = 0;
  for (const c of h.counts) max = Math.max(max, c);
  return max / total;
}
