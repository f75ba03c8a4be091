/**
 * PromQL's `increase`/`rate` over a range of counter samples, with Prometheus's counter-reset handling and
 * extrapolation (promql/functions.go `extrapolatedRate`), so the embedded store agrees with a real Prometheus.
 */

/** Samples of one series in time order: `ts[i]` in milliseconds, `vs[i]` the value. */
export interface SampleRange {
  ts: ArrayLike<number>;
  vs: ArrayLike<number>;
  /** First index in range (inclusive) and end index (exclusive). */
  from: number;
  to: number;
}

/**
 * `increase(x[range])` evaluated at `endMs` over the window (endMs - rangeMs, endMs]. The caller passes only the
 * samples inside the window. Returns undefined with fewer than two samples (as Prometheus yields no value).
 */
export function extrapolatedIncrease(r: SampleRange, startMs: number, endMs: number, isCounter = true): number | undefined {
  const count = r.to - r.from;
  if (count < 2) return undefined;
  const firstV = r.vs[r.from] as number;
  let result = (r.vs[r.to - 1] as number) - firstV;
  if (isCounter) {
    // A drop means the counter restarted from zero: add back what was lost.
    let prev = firstV;
    for (let i = r.from + 1; i < r.to; i++) {
      const v = r.vs[i] as number;
      if (v < prev) result += prev;
      prev = v;
    }
  }
  const v = extrapolate(result, r.ts[r.from] as number, firstV, r.ts[r.to - 1] as number, count, startMs, endMs, isCounter);
  return Number.isNaN(v) ? undefined : v;
}

/**
 * The extrapolation step of {@link extrapolatedIncrease}, for callers that accumulate the raw increase
 * (`result`: last − first plus the values lost at counter resets) in their own pass. NaN when undefined.
 */
export function extrapolate(result: number, firstT: number, firstV: number, lastT: number, count: number, startMs: number, endMs: number, isCounter = true): number {
  if (count < 2) return NaN;
  const sampled = (lastT - firstT) / 1000;
  if (sampled <= 0) return NaN;
  let toStart = (firstT - startMs) / 1000;
  const toEnd = (endMs - lastT) / 1000;
  const avgBetween = sampled / (count - 1);
  if (isCounter && result > 0 && firstV >= 0) {
    // The counter cannot go below zero: do not extrapolate further back than where it would reach zero.
    const toZero = sampled * (firstV / result);
    if (toZero < toStart) toStart = toZero;
  }
  const threshold = avgBetween * 1.1;
  let extrapolateTo = sampled;
  extrapolateTo += toStart < threshold ? toStart : avgBetween / 2;
  extrapolateTo += toEnd < threshold ? toEnd : avgBetween / 2;
  return result * (extrapolateTo / sampled);
}

/** `rate(x[range])`: the extrapolated increase per second of the range. */
export function extrapolatedRate(r: SampleRange, startMs: number, endMs: number): number | undefined {
  const inc = extrapolatedIncrease(r, startMs, endMs, true);
  return inc === undefined ? undefined : inc / ((endMs - startMs) / 1000);
}

/**
 * Index range of samples with `startMs < t <= endMs` in a sorted timestamp array (Prometheus 3 range
 * selectors are left-open).
 */
export function windowIndices(ts: ArrayLike<number>, from: number, to: number, startMs: number, endMs: number): [number, number] {
  return [upperBound(ts, from, to, startMs), upperBound(ts, from, to, endMs)];
}

/** First index in [lo, hi) whose value is greater than `x`. */
function upperBound(a: ArrayLike<number>, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
