/** PromQL's `histogram_quantile` over classic (`le`-labelled) buckets. */

export interface Bucket {
  /** Upper bound; `Infinity` for the `+Inf` bucket. */
  le: number;
  /** Cumulative count (or rate) of observations at or below `le`. */
  count: number;
}

/**
 * The φ-quantile (0 ≤ φ ≤ 1) by linear interpolation inside the bucket holding the rank, as Prometheus's
 * `bucketQuantile`: NaN without a `+Inf` bucket or without observations; the highest finite bound when the
 * rank falls in the `+Inf` bucket; cumulative counts made monotonic first (scrapes can be torn).
 */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const bs = [...buckets].filter((b) => !Number.isNaN(b.le)).sort((a, b) => a.le - b.le);
  const merged: Bucket[] = [];
  for (const b of bs) {
    const last = merged[merged.length - 1];
    if (last && last.le === b.le) last.count += b.count;
    else merged.push({ le: b.le, count: b.count });
  }
  const top = merged[merged.length - 1];
  if (merged.length < 2 || !top || top.le !== Infinity) return NaN;
  for (let i = 1; i < merged.length; i++) {
    const prev = merged[i - 1] as Bucket;
    const cur = merged[i] as Bucket;
    if (cur.count < prev.count) cur.count = prev.count;
  }
  const total = top.count;
  if (!(total > 0)) return NaN;
  const rank = q * total;
  let b = merged.findIndex((x) => x.count >= rank);
  if (b === -1) b = merged.length - 1;
  if (b === merged.length - 1) return (merged[merged.length - 2] as Bucket).le;
  const bucket = merged[b] as Bucket;
  if (b === 0 && bucket.le <= 0) return bucket.le;
  let start = 0;
  let countBefore = 0;
  if (b > 0) {
    const prev = merged[b - 1] as Bucket;
    start = prev.le;
    countBefore = prev.count;
  }
  const inBucket = bucket.count - countBefore;
  if (inBucket <= 0) return bucket.le;
  return start + (bucket.le - start) * ((rank - countBefore) / inBucket);
}

/** Parses an `le` label value (`+Inf`, decimals); NaN when malformed. */
export function parseLe(le: string): number {
  if (le === '+Inf' || le === 'Inf' || le === '+inf') return Infinity;
  const n = le.trim() === '' ? NaN : Number(le);
  return n;
}
