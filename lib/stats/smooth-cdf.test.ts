import { describe, expect, it } from 'vitest';
import { ISTIO_DURATION_BUCKETS } from '../metrics/istio';
import { countAtOrBelow } from './histogram';
import { normalCdf } from './normal';
import { smoothCumulative } from './smooth-cdf';

const ISTIO = [...ISTIO_DURATION_BUCKETS, Infinity];

/** Expected counts of n log-normal(median, sigma) requests per Istio bucket (no sampling noise). */
function exactLogNormal(n: number, median: number, sigma: number) {
  const cdf = (x: number) => (x === Infinity ? 1 : normalCdf(Math.log(x / median) / sigma));
  return { bounds: ISTIO, counts: ISTIO.map((b, i) => n * (cdf(b) - (i === 0 ? 0 : cdf(ISTIO[i - 1] as number)))) };
}

describe('smoothCumulative', () => {
  it('passes through every cumulative count and is monotone', () => {
    const h = { bounds: [1, 5, 10, 25, 50, Infinity], counts: [2, 10, 30, 5, 0, 3] };
    const f = smoothCumulative(h);
    let run = 0;
    for (let i = 0; i < h.bounds.length - 1; i++) expect(f(h.bounds[i] as number)).toBeCloseTo((run += h.counts[i] as number), 12);
    let prev = -1;
    for (let x = 0; x < 80; x += 0.05) {
      const y = f(x);
      expect(y).toBeGreaterThanOrEqual(prev);
      prev = y;
    }
    // Below the first bound, the linear rule from 0; past the last finite bound, +Inf stays out.
    expect(f(0.5)).toBeCloseTo(1, 12);
    expect(f(1e9)).toBe(47);
  });
  it.each([
    [20, 0.5],
    [60, 0.5],
    [8, 1],
  ])('follows a log-normal (median %d ms, σ %d) inside the buckets better than the linear rule', (median, sigma) => {
    const h = exactLogNormal(1000, median, sigma);
    const f = smoothCumulative(h);
    let cubic = 0;
    let linear = 0;
    for (let x = median / 4; x < median * 4; x *= 1.05) {
      const truth = 1000 * normalCdf(Math.log(x / median) / sigma);
      cubic = Math.max(cubic, Math.abs(f(x) - truth));
      linear = Math.max(linear, Math.abs(countAtOrBelow(h, x) - truth));
    }
    expect(cubic).toBeLessThan(linear / 2);
    expect(cubic).toBeLessThan(40);
  });
});
