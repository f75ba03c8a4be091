import { extrapolate, type SampleRange } from '../../../lib/metrics/counter-math';
import type { Labels } from '../../../lib/metrics/labels';

const MIN_CAPACITY = 4;

let scratchT = new Float64Array(1024);
let scratchV = new Float64Array(1024);
/** Reused by every column window (queries are synchronous). */
const scratchRange: { ts: Float64Array; vs: Float64Array; from: number; to: number } = { ts: scratchT, vs: scratchV, from: 0, to: 0 };
/** Per-column accumulators for {@link HistogramSeries.increases}. */
let state = new Float64Array(6 * 32);
/** Reused row range. */
const rowRange: [number, number] = [0, 0];

/**
 * One classic histogram's buckets stored together: a ring of rows (time, one value per `le` column) in one
 * Float64Array. Twenty bucket series then cost one object, one label set and one buffer instead of twenty.
 */
export class HistogramSeries {
  private buf: Float64Array = new Float64Array(0);
  private head = 0;
  private cap = 0;
  /** Values per row: the time plus one per bucket. */
  private stride = 1;
  length = 0;
  lastT = -Infinity;
  /** Bucket bounds, one per column, in the order first seen; replaced (never mutated) when a bound is added. */
  les: readonly number[] = [];
  private readonly colOf = new Map<number, number>();
  groupIds: number[] = [];
  groupEpoch = 0;
  dropped = false;
  /** The last filter (by interned key) a query tested this series with, and its answer. */
  filterId = -1;
  filterHit = false;
  /** Told how many floats a new column added (the store accounts for them). */
  onRelayout?: (extraFloats: number) => void;
  /** Histograms have no `le` of their own (see {@link BucketRef}). */
  readonly le = NaN;

  constructor(
    readonly id: number,
    /** The `_bucket` metric name. */
    readonly name: string,
    /** Labels without `le`. */
    readonly labels: Labels,
    readonly instance: string,
    readonly key: string,
  ) {}

  /** Float64 values allocated. */
  get floats(): number {
    return this.cap * this.stride;
  }

  /** The column for a bound, added (NaN-filled) when first seen. */
  column(le: number): number {
    let c = this.colOf.get(le);
    if (c !== undefined) return c;
    c = this.les.length;
    this.les = [...this.les, le];
    this.colOf.set(le, c);
    this.relayout(this.cap, this.stride + 1);
    this.onRelayout?.(this.cap);
    return c;
  }

  private relayout(cap: number, stride: number): void {
    const buf = new Float64Array(cap * stride).fill(NaN);
    for (let i = 0; i < this.length; i++) {
      const from = ((this.head + i) % Math.max(this.cap, 1)) * this.stride;
      const to = i * stride;
      for (let k = 0; k < this.stride; k++) buf[to + k] = this.buf[from + k] as number;
    }
    this.buf = buf;
    this.head = 0;
    this.cap = cap;
    this.stride = stride;
  }

  /**
   * Sets one bucket's value at time t: a later time starts a new row, the current time fills the current row,
   * an earlier time is ignored. `grow` is asked before the ring doubles (argument: extra slots).
   */
  append(col: number, t: number, v: number, maxRows: number, grow: (extra: number) => boolean): boolean {
    if (t < this.lastT) return false;
    if (t > this.lastT) {
      if (this.length === this.cap) {
        const next = this.cap === 0 ? MIN_CAPACITY : this.cap * 2;
        if ((this.cap === 0 || this.cap < maxRows) && grow((next - this.cap) * this.stride)) this.relayout(next, this.stride);
      }
      if (this.cap === 0) return false;
      let slot: number;
      if (this.length < this.cap) {
        slot = (this.head + this.length) % this.cap;
        this.length++;
      } else {
        slot = this.head;
        this.head = (this.head + 1) % this.cap;
      }
      const base = slot * this.stride;
      this.buf[base] = t;
      for (let k = 1; k < this.stride; k++) this.buf[base + k] = NaN;
      this.lastT = t;
    }
    const last = (this.head + this.length - 1) % this.cap;
    this.buf[last * this.stride + 1 + col] = v;
    return true;
  }

  /** Ring capacity is MIN_CAPACITY doubled, always a power of two: reads mask instead of taking a modulo. */
  private timeAt(i: number): number {
    return this.buf[((this.head + i) & (this.cap - 1)) * this.stride] as number;
  }

  private upperBound(x: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Logical row range with startMs < t <= endMs (a shared pair: read it before the next call). */
  rows(startMs: number, endMs: number): readonly [number, number] {
    rowRange[0] = this.upperBound(startMs);
    rowRange[1] = this.upperBound(endMs);
    return rowRange;
  }

  /**
   * Every bucket's `increase()` over (startMs, endMs] in one pass over the rows, written to `out` (NaN where a
   * bucket has fewer than two samples). Returns whether any bucket has a value.
   */
  increases(startMs: number, endMs: number, out: Float64Array): boolean {
    const from = this.upperBound(startMs);
    const to = this.upperBound(endMs);
    const cols = this.les.length;
    if (to - from < 2 || cols === 0) return false;
    if (state.length < cols * 6) state = new Float64Array(cols * 12);
    state.fill(0, 0, cols * 6);
    // Per column: count, firstT, firstV, lastT, prev, result.
    const mask = this.cap - 1;
    for (let i = from; i < to; i++) {
      const base = ((this.head + i) & mask) * this.stride;
      const t = this.buf[base] as number;
      for (let c = 0; c < cols; c++) {
        const v = this.buf[base + 1 + c] as number;
        if (Number.isNaN(v)) continue;
        const s = c * 6;
        if (state[s] === 0) {
          state[s + 1] = t;
          state[s + 2] = v;
        } else {
          const prev = state[s + 4] as number;
          state[s + 5] = (state[s + 5] as number) + (v < prev ? v : v - prev);
        }
        state[s] = (state[s] as number) + 1;
        state[s + 3] = t;
        state[s + 4] = v;
      }
    }
    let any = false;
    for (let c = 0; c < cols; c++) {
      const s = c * 6;
      const v = extrapolate(state[s + 5] as number, state[s + 1] as number, state[s + 2] as number, state[s + 3] as number, state[s] as number, startMs, endMs);
      out[c] = v;
      if (!Number.isNaN(v)) any = true;
    }
    return any;
  }

  /**
   * Whether {@link increases} over (startMs, endMs] would give any bucket a value (some column has two samples in
   * the window): a cheap test that usually reads two values.
   */
  hasIncrease(startMs: number, endMs: number): boolean {
    const from = this.upperBound(startMs);
    const to = this.upperBound(endMs);
    if (to - from < 2) return false;
    const mask = this.cap - 1;
    for (let c = 0; c < this.les.length; c++) {
      let seen = 0;
      for (let i = from; i < to; i++) {
        if (!Number.isNaN(this.buf[((this.head + i) & mask) * this.stride + 1 + c] as number) && ++seen === 2) return true;
      }
    }
    return false;
  }

  /** One column's samples over a row range (missing values skipped), in shared scratch arrays. */
  columnWindow(col: number, from: number, to: number): SampleRange {
    const n = Math.max(0, to - from);
    if (n > scratchT.length) {
      scratchT = new Float64Array(n * 2);
      scratchV = new Float64Array(n * 2);
    }
    let k = 0;
    const mask = this.cap - 1;
    for (let i = from; i < to; i++) {
      const base = ((this.head + i) & mask) * this.stride;
      const v = this.buf[base + 1 + col] as number;
      if (Number.isNaN(v)) continue;
      scratchT[k] = this.buf[base] as number;
      scratchV[k] = v;
      k++;
    }
    scratchRange.ts = scratchT;
    scratchRange.vs = scratchV;
    scratchRange.to = k;
    return scratchRange;
  }
}

/** What a scrape cache holds for one `_bucket` line: its histogram and column. */
export interface BucketRef {
  hist: HistogramSeries;
  col: number;
}
