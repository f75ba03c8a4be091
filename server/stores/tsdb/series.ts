import type { SampleRange } from '../../../lib/metrics/counter-math';
import type { Labels } from '../../../lib/metrics/labels';

const MIN_CAPACITY = 4;

/**
 * One series: labels plus a ring buffer of (time, value) samples whose capacity grows by doubling (power of
 * two, so a mask replaces a modulo) up to what the store allows; after that the oldest samples are overwritten.
 */
export class Series {
  ts: Float64Array = new Float64Array(0);
  vs: Float64Array = new Float64Array(0);
  /** Physical index of the oldest sample. */
  private head = 0;
  length = 0;
  lastT = -Infinity;
  /** Group keys computed for a group-by signature (labels never change, so the key cannot either). */
  readonly groupKeys = new Map<string, string>();
  /** Set when the store expired the series; a later append brings it back. */
  dropped = false;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly labels: Labels,
    readonly instance: string,
    readonly key: string,
  ) {}

  get capacity(): number {
    return this.ts.length;
  }

  /**
   * Appends a sample; out-of-order or duplicate timestamps are ignored (returns false). `grow` is asked for
   * permission before the buffer doubles and returns how many more slots may be allocated.
   */
  append(t: number, v: number, maxCapacity: number, grow: (extra: number) => boolean): boolean {
    if (!(t > this.lastT)) return false;
    const cap = this.ts.length;
    if (this.length === cap) {
      const next = cap === 0 ? MIN_CAPACITY : cap * 2;
      // The first allocation is always allowed up to MIN_CAPACITY, whatever the limit.
      maxCapacity = Math.max(maxCapacity, MIN_CAPACITY);
      if (cap < maxCapacity && grow(next - cap)) this.resize(next);
    }
    const c = this.ts.length;
    if (c === 0) return false;
    if (this.length < c) {
      const i = (this.head + this.length) & (c - 1);
      this.ts[i] = t;
      this.vs[i] = v;
      this.length++;
    } else {
      this.ts[this.head] = t;
      this.vs[this.head] = v;
      this.head = (this.head + 1) & (c - 1);
    }
    this.lastT = t;
    return true;
  }

  private resize(next: number): void {
    const ts = new Float64Array(next);
    const vs = new Float64Array(next);
    for (let i = 0; i < this.length; i++) {
      const p = (this.head + i) & (this.ts.length - 1);
      ts[i] = this.ts[p] as number;
      vs[i] = this.vs[p] as number;
    }
    this.ts = ts;
    this.vs = vs;
    this.head = 0;
  }

  /** Time of the logical i-th sample (0 = oldest). */
  timeAt(i: number): number {
    return this.ts[(this.head + i) & (this.ts.length - 1)] as number;
  }

  valueAt(i: number): number {
    return this.vs[(this.head + i) & (this.ts.length - 1)] as number;
  }

  /** Samples with startMs < t <= endMs, as a range over contiguous arrays (copied only when the ring wraps). */
  window(startMs: number, endMs: number): SampleRange {
    const from = this.upperBound(startMs);
    const to = this.upperBound(endMs);
    if (to <= from) return { ts: this.ts, vs: this.vs, from: 0, to: 0 };
    const cap = this.ts.length;
    const pf = (this.head + from) & (cap - 1);
    const n = to - from;
    if (pf + n <= cap) return { ts: this.ts, vs: this.vs, from: pf, to: pf + n };
    const ts = new Float64Array(n);
    const vs = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ts[i] = this.timeAt(from + i);
      vs[i] = this.valueAt(from + i);
    }
    return { ts, vs, from: 0, to: n };
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
