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

const NO_BOUNDS: readonly number[] = [];

/** Whether bounds are non-empty, ascending and without NaN: bounds a {@link BucketSum} adopts as they are. */
export function cleanBounds(les: readonly number[]): boolean {
  if (les.length === 0) return false;
  for (let i = 0; i < les.length; i++) if (Number.isNaN(les[i]) || (i > 0 && (les[i] as number) <= (les[i - 1] as number))) return false;
  return true;
}

/** Whether two bound lists are equal element by element. */
export function sameBounds(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Sums classic histograms bucket by bucket. Histograms with the same bounds (the usual case: Istio's defaults)
 * add element-wise without allocating; others are merged by bound. Bounds stay sorted ascending.
 * Rates are a plain array: a graph sums thousands of these per request, and small typed arrays each cost an
 * off-heap backing store to allocate and to free.
 */
export class BucketSum {
  /** Ascending bounds; never mutated in place (it may be the caller's array). */
  les: readonly number[] = NO_BOUNDS;
  rates: number[] = [];
  add(les: readonly number[], rates: ArrayLike<number>): void {
    if (!this.sameBounds(les)) {
      this.merge(les, rates);
      return;
    }
    for (let i = 0; i < les.length; i++) {
      const v = rates[i] as number;
      if (Number.isFinite(v)) this.rates[i] = (this.rates[i] as number) + v;
    }
  }

  private sameBounds(les: readonly number[]): boolean {
    if (this.les.length === 0) {
      // First histogram: adopt its bounds (sorted, NaN dropped) when already clean.
      for (let i = 0; i < les.length; i++) if (Number.isNaN(les[i]) || (i > 0 && (les[i] as number) <= (les[i - 1] as number))) return false;
      // Adopted, not copied: callers hand over bound lists they never mutate (they replace them).
      this.les = les;
      const rates = new Array<number>(les.length);
      for (let i = 0; i < les.length; i++) rates[i] = 0;
      this.rates = rates;
      return true;
    }
    if (les.length !== this.les.length) return false;
    for (let i = 0; i < les.length; i++) if (les[i] !== this.les[i]) return false;
    return true;
  }

  private merge(les: readonly number[], rates: ArrayLike<number>): void {
    const m = new Map<number, number>();
    for (let i = 0; i < this.les.length; i++) m.set(this.les[i] as number, this.rates[i] as number);
    for (let i = 0; i < les.length; i++) {
      const le = les[i] as number;
      const v = rates[i] as number;
      if (Number.isNaN(le) || !Number.isFinite(v)) continue;
      m.set(le, (m.get(le) ?? 0) + v);
    }
    const sorted = [...m].sort((a, b) => a[0] - b[0]);
    this.les = sorted.map(([le]) => le);
    this.rates = sorted.map(([, v]) => v);
  }

  /** histogram_quantile over the sum (see {@link histogramQuantile}). */
  quantile(q: number): number {
    return quantileSorted(q, this.les, this.rates);
  }
}

/** {@link histogramQuantile} over parallel arrays with bounds sorted ascending and distinct. */
export function quantileSorted(q: number, les: readonly number[], counts: ArrayLike<number>): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const n = les.length;
  if (n < 2 || les[n - 1] !== Infinity) return NaN;
  // Cumulative counts are made monotonic (a torn scrape can break them) by a running maximum, on the fly.
  let total = 0;
  for (let i = 0; i < n; i++) total = Math.max(total, counts[i] as number);
  if (!(total > 0)) return NaN;
  const rank = q * total;
  let b = 0;
  let cumB = Math.max(0, counts[0] as number);
  let before = 0;
  while (b < n - 1 && cumB < rank) {
    before = cumB;
    b++;
    cumB = Math.max(cumB, counts[b] as number);
  }
  if (b === n - 1) return les[n - 2] as number;
  const end = les[b] as number;
  if (b === 0 && end <= 0) return end;
  const start = b === 0 ? 0 : (les[b - 1] as number);
  const inBucket = cumB - before;
  if (inBucket <= 0) return end;
  return start + (end - start) * ((rank - before) / inBucket);
}
