import { describe, expect, it } from 'vitest';
import { histogramQuantile as promQuantile } from '../metrics/histogram';
import { ISTIO_DURATION_BUCKETS } from '../metrics/istio';
import { countAtOrBelow, histogramProblem, histogramQuantile, histogramTotal, rescaleOnto } from './histogram';
import { mulberry32, sampleHistogram } from './simulate';

const ISTIO = [...ISTIO_DURATION_BUCKETS, Infinity];
const B = [0.5, 1, 5, 10, 25, 50, 100, Infinity];

describe('histogramQuantile (Prometheus semantics)', () => {
  it.each([
    // 10 in (1, 5], 10 in (5, 10]: rank 10 ends the first → 5; rank 19 → 5 + 5·9/10; rank 19.8 → 9.9.
    [B, [0, 0, 10, 10, 0, 0, 0, 0], 0.5, 5],
    [B, [0, 0, 10, 10, 0, 0, 0, 0], 0.95, 9.5],
    [B, [0, 0, 10, 10, 0, 0, 0, 0], 0.99, 9.9],
    // The first bucket interpolates from 0.
    [[10, 20, Infinity], [4, 0, 0], 0.5, 5],
    // A rank in +Inf answers the highest finite bound.
    [[10, 20, Infinity], [1, 1, 8], 0.5, 20],
    // Empty buckets between are skipped: rank 2 of 4 is the end of (0, 10].
    [[10, 20, 30, Infinity], [2, 0, 2, 0], 0.5, 10],
  ])('%j %j q=%d → %d', (bounds, counts, q, want) => {
    expect(histogramQuantile({ bounds, counts }, q)).toBeCloseTo(want, 12);
  });
  it('is undefined without observations', () => {
    expect(histogramQuantile({ bounds: B, counts: B.map(() => 0) }, 0.5)).toBeUndefined();
  });
  it("equals lib/metrics' histogram_quantile on the cumulative form (one derivation)", () => {
    const rng = mulberry32(5);
    for (let s = 0; s < 50; s++) {
      const h = sampleHistogram(rng, 1 + Math.floor(rng() * 500), { medianMs: 5 + rng() * 200, sigma: 0.2 + rng() }, ISTIO);
      let run = 0;
      const cumulative = h.bounds.map((le, i) => ({ le, count: (run += h.counts[i] as number) }));
      for (const q of [0.5, 0.95, 0.99]) expect(histogramQuantile(h, q)).toBeCloseTo(promQuantile(q, cumulative), 9);
    }
  });
});

describe('histogramProblem', () => {
  it.each([
    [{ bounds: [1, 2, Infinity], counts: [1, 2, 3] }, undefined],
    [{ bounds: [1, 2], counts: [1, 2] }, 'bounds must end with +Inf'],
    [{ bounds: [2, 1, Infinity], counts: [1, 2, 3] }, 'bounds must be ascending, distinct and ≥ 0'],
    [{ bounds: [1, Infinity], counts: [1] }, '1 counts for 2 bounds'],
    [{ bounds: [1, Infinity], counts: [-1, 2] }, 'counts must be finite and ≥ 0'],
    [{ bounds: [1, Infinity], counts: [NaN, 2] }, 'counts must be finite and ≥ 0'],
  ])('%j → %s', (h, want) => {
    expect(histogramProblem(h)).toBe(want);
  });
});

describe('countAtOrBelow / rescaleOnto', () => {
  const h = { bounds: [10, 20, Infinity], counts: [4, 4, 2] };
  it('interpolates within buckets and never counts +Inf below a finite x', () => {
    expect(countAtOrBelow(h, 5)).toBe(2);
    expect(countAtOrBelow(h, 15)).toBe(6);
    expect(countAtOrBelow(h, 20)).toBe(8);
    expect(countAtOrBelow(h, 1e9)).toBe(8);
    expect(countAtOrBelow(h, 0)).toBe(0);
  });
  it('scales observations and re-buckets, keeping the total', () => {
    // ×2: (0, 10] → (0, 20], (10, 20] → (20, 40]: ≤ 10 gets 2, (10, 20] gets 2, +Inf the other 6.
    expect(rescaleOnto(h, 2, h.bounds)).toEqual([2, 2, 6]);
    expect(rescaleOnto(h, 1, h.bounds)).toEqual([4, 4, 2]);
    // ÷2 onto finer bounds: (0, 10] → (0, 5], (10, 20] → (5, 10].
    expect(rescaleOnto(h, 0.5, [5, 10, 15, Infinity])).toEqual([4, 4, 0, 2]);
    const rng = mulberry32(9);
    const s = sampleHistogram(rng, 300, { medianMs: 30, sigma: 0.8 }, ISTIO);
    for (const scale of [0.3, 1, 1.7, 40]) {
      const r = rescaleOnto(s, scale, B);
      expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(histogramTotal(s), 9);
    }
  });
});
