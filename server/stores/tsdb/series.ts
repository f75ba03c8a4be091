import { extrapolate, type SampleRange } from '../../../lib/metrics/counter-math';
import type { Labels } from '../../../lib/metrics/labels';

const MIN_CAPACITY = 4;

/** Reused buffers for windows copied out of rings (queries are synchronous, so one set suffices). */
let scratchT = new Float64Array(1024);
let scratchV = new Float64Array(1024);
/** One range object reused by every window (queries are synchronous): no allocation per series. */
const scratchRange: { ts: Float64Array; vs: Float64Array; from: number; to: number } = { ts: scratchT, vs: scratchV, from: 0, to: 0 };

/**
 * One series: labels plus a ring buffer of samples stored interleaved (time, value) in one Float64Array, whose
 * capacity grows by doubling (power of two, so a mask replaces a modulo) up to what the store allows; after
 * that the oldest samples are overwritten.
 */
export class Series {
  private buf: Float64Array = new Float64Array(0);
  /** Logical index 0 (oldest) lives at physical slot `head`. */
  private head = 0;
  length = 0;
  lastT = -Infinity;
  /** Group ids per group-by signature (labels never change, so neither can the group). */
  groupIds: number[] = [];
  groupEpoch = 0;
  /** The last filter (by interned key) a query tested this series with, and its answer. */
  filterId = -1;
  filterHit = false;
  /** Set when the store expired the series; a later append brings it back. */
  dropped = false;

  constructor(
    readonly id: number,
    readonly name: string,
    /** Labels without `le` (histogram buckets of one histogram share one object). */
    readonly labels: Labels,
    /** The `le` bound of a histogram bucket series, NaN otherwise. */
    readonly le: number,
    readonly instance: string,
    readonly key: string,
  ) {}

  /** Float64 values allocated (two per sample slot). */
  get floats(): number {
    return this.buf.length;
  }

  /** Sample slots allocated. */
  get capacity(): number {
    return this.buf.length >> 1;
  }

  /**
   * Appends a sample; out-of-order or duplicate timestamps are ignored (returns false). `grow` is asked for
   * permission before the buffer doubles.
   */
  append(t: number, v: number, maxCapacity: number, grow: (extra: number) => boolean): boolean {
    if (!(t > this.lastT)) return false;
    const cap = this.capacity;
    if (this.length === cap) {
      const next = cap === 0 ? MIN_CAPACITY : cap * 2;
      if ((cap === 0 || cap < maxCapacity) && grow((next - cap) * 2)) this.resize(next);
    }
    const c = this.capacity;
    if (c === 0) return false;
    let slot: number;
    if (this.length < c) {
      slot = (this.head + this.length) & (c - 1);
      this.length++;
    } else {
      slot = this.head;
      this.head = (this.head + 1) & (c - 1);
    }
    this.buf[slot * 2] = t;
    this.buf[slot * 2 + 1] = v;
    this.lastT = t;
    return true;
  }

  private resize(next: number): void {
    const buf = new Float64Array(next * 2);
    for (let i = 0; i < this.length; i++) {
      const p = ((this.head + i) & (this.capacity - 1)) * 2;
      buf[i * 2] = this.buf[p] as number;
      buf[i * 2 + 1] = this.buf[p + 1] as number;
    }
    this.buf = buf;
    this.head = 0;
  }

  /** Time of the logical i-th sample (0 = oldest). */
  timeAt(i: number): number {
    return this.buf[((this.head + i) & (this.capacity - 1)) * 2] as number;
  }

  valueAt(i: number): number {
    return this.buf[((this.head + i) & (this.capacity - 1)) * 2 + 1] as number;
  }

  /**
   * Samples with startMs < t <= endMs, copied into shared scratch arrays; the result is reused by the next
   * call (of any series), so read it before asking for another window.
   */
  window(startMs: number, endMs: number): SampleRange {
    const from = this.upperBound(startMs);
    const to = this.upperBound(endMs);
    const n = Math.max(0, to - from);
    if (n > scratchT.length) {
      scratchT = new Float64Array(n * 2);
      scratchV = new Float64Array(n * 2);
    }
    const mask = this.capacity - 1;
    const buf = this.buf;
    for (let i = 0; i < n; i++) {
      const p = ((this.head + from + i) & mask) * 2;
      scratchT[i] = buf[p] as number;
      scratchV[i] = buf[p + 1] as number;
    }
    scratchRange.ts = scratchT;
    scratchRange.vs = scratchV;
    scratchRange.to = n;
    return scratchRange;
  }

  /**
   * `increase()` over (startMs, endMs] straight from the ring (one pass, no copy); NaN without two samples.
   */
  increase(startMs: number, endMs: number): number {
    const from = this.upperBound(startMs);
    const to = this.upperBound(endMs);
    const n = to - from;
    if (n < 2) return NaN;
    const mask = this.capacity - 1;
    const buf = this.buf;
    let p = ((this.head + from) & mask) * 2;
    const firstT = buf[p] as number;
    const firstV = buf[p + 1] as number;
    let prev = firstV;
    let result = 0;
    let lastT = firstT;
    for (let i = 1; i < n; i++) {
      p = ((this.head + from + i) & mask) * 2;
      const v = buf[p + 1] as number;
      // A drop is a counter reset: the counter restarted from zero and reached v.
      result += v < prev ? v : v - prev;
      prev = v;
      lastT = buf[p] as number;
    }
    return extrapolate(result, firstT, firstV, lastT, n, startMs, endMs);
  }

  /** First logical index whose time is greater than `x`. */
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
}
