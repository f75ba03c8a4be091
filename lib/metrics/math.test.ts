import { describe, expect, it } from 'vitest';
import { extrapolatedIncrease, extrapolatedRate, windowIndices } from './counter-math';
import { BucketSum, histogramQuantile, parseLe, quantileSorted } from './histogram';

const range = (pts: [number, number][]) => ({ ts: pts.map((p) => p[0]), vs: pts.map((p) => p[1]), from: 0, to: pts.length });

describe('extrapolatedIncrease', () => {
  it.each([
    // samples aligned with the window edges: no extrapolation
    ['steady counter', [[10_000, 10], [20_000, 20], [30_000, 30]], 0, 30_000, 30],
    // one reset: 30 → 5 means 5 more after restart
    ['counter reset', [[10_000, 10], [20_000, 30], [30_000, 5]], 0, 30_000, 35],
  ] as [string, [number, number][], number, number, number][])('%s', (_name, pts, start, end, want) => {
    expect(extrapolatedIncrease(range(pts), start, end)).toBeCloseTo(want, 6);
  });

  it('extrapolates to the window edges when samples are close to them', () => {
    // 5s spacing, window (0, 60s], samples at 5..60: increase 1/s over 55s, extrapolated to 60s
    const pts: [number, number][] = [];
    for (let t = 5; t <= 60; t += 5) pts.push([t * 1000, 100 + t]);
    expect(extrapolatedIncrease(range(pts), 0, 60_000)).toBeCloseTo(60, 6);
    expect(extrapolatedRate(range(pts), 0, 60_000)).toBeCloseTo(1, 6);
  });

  it('does not extrapolate below zero for a counter that just started', () => {
    // counter starting at 0 at t=20s: increase 20 over 20s, no extrapolation to before it existed
    expect(extrapolatedIncrease(range([[20_000, 0], [30_000, 10], [40_000, 20]]), 0, 40_000)).toBeCloseTo(20, 6);
  });

  it('needs two samples', () => {
    expect(extrapolatedIncrease(range([[1000, 5]]), 0, 2000)).toBeUndefined();
  });

  it('selects a left-open window', () => {
    expect(windowIndices([1000, 2000, 3000, 4000], 0, 4, 1000, 3000)).toEqual([1, 3]);
  });
});

describe('histogramQuantile', () => {
  const b = (pairs: [number, number][]) => pairs.map(([le, count]) => ({ le, count }));
  it.each([
    ['interpolates in the bucket', 0.5, b([[10, 0], [20, 10], [Infinity, 10]]), 15],
    ['first bucket starts at zero', 0.5, b([[10, 10], [Infinity, 10]]), 5],
    ['rank in +Inf gives the highest bound', 0.99, b([[10, 5], [20, 5], [Infinity, 10]]), 20],
    ['buckets in any order, le anywhere', 0.5, b([[Infinity, 4], [1, 2], [2, 4]]), 1],
    ['no +Inf bucket', 0.5, b([[10, 10]]), NaN],
    ['no observations', 0.5, b([[10, 0], [Infinity, 0]]), NaN],
    ['non-monotonic counts are fixed', 0.5, b([[10, 6], [20, 4], [Infinity, 10]]), 10 * (5 / 6)],
  ] as [string, number, { le: number; count: number }[], number][])('%s', (_name, q, buckets, want) => {
    const got = histogramQuantile(q, buckets);
    if (Number.isNaN(want)) expect(got).toBeNaN();
    else expect(got).toBeCloseTo(want, 6);
  });

  it('parses le values', () => {
    expect(parseLe('+Inf')).toBe(Infinity);
    expect(parseLe('0.5')).toBe(0.5);
    expect(parseLe('x')).toBeNaN();
  });
});

describe('BucketSum and quantileSorted', () => {
  it('agree with histogramQuantile, adding equal bounds element-wise and merging others', () => {
    const a = new BucketSum();
    a.add([1, 5, Infinity], [2, 6, 8]);
    a.add([1, 5, Infinity], [0, 2, 4]);
    expect(a.les).toEqual([1, 5, Infinity]);
    expect(Array.from(a.rates)).toEqual([2, 8, 12]);
    a.add([10, 1, Infinity, NaN], [1, 1, 1, 1]);
    expect(a.les).toEqual([1, 5, 10, Infinity]);
    expect(Array.from(a.rates)).toEqual([3, 8, 1, 13]);
    for (const q of [0, 0.1, 0.5, 0.9, 0.95, 0.99, 1]) {
      expect(a.quantile(q)).toBeCloseTo(histogramQuantile(q, a.les.map((le, i) => ({ le, count: a.rates[i] as number }))), 9);
    }
    expect(quantileSorted(0.5, [1, 2], [1, 1])).toBeNaN();
    expect(quantileSorted(0.5, [1, Infinity], [0, 0])).toBeNaN();
  });
});
