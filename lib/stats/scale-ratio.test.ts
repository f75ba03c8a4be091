import { describe, expect, it } from 'vitest';
import { ISTIO_DURATION_BUCKETS } from '../metrics/istio';
import { rescaleOnto } from './histogram';
import { mannWhitneyBuckets } from './mann-whitney';
import { scaleRatio } from './scale-ratio';
import { mulberry32, sampleHistogram } from './simulate';

const ISTIO = [...ISTIO_DURATION_BUCKETS, Infinity];

describe('scaleRatio', () => {
  it('is 1 for the same histogram, with an interval around 1', () => {
    const rng = mulberry32(1);
    const h = sampleHistogram(rng, 500, { medianMs: 20, sigma: 0.5 }, ISTIO);
    const r = scaleRatio(h, h, 0.05);
    expect(r.estimate).toBeCloseTo(1, 6);
    expect(r.low).toBeLessThan(1);
    expect(r.high).toBeGreaterThan(1);
    expect(r.high).toBeLessThan(1.15);
  });

  it.each([1.25, 2, 3, 0.5])('recovers a %d× factor from sampled Istio buckets', (factor) => {
    let covered = 0;
    for (let seed = 0; seed < 200; seed++) {
      const rng = mulberry32(seed);
      const y = sampleHistogram(rng, 1000, { medianMs: 20, sigma: 0.5 }, ISTIO);
      const x = sampleHistogram(rng, 200, { medianMs: 20 * factor, sigma: 0.5 }, ISTIO);
      const r = scaleRatio(x, y, 0.05);
      expect(r.low).toBeLessThanOrEqual(r.estimate);
      expect(r.estimate).toBeLessThanOrEqual(r.high);
      expect(Math.abs(Math.log(r.estimate / factor))).toBeLessThan(0.25);
      if (r.low <= factor && factor <= r.high) covered++;
    }
    // A 90 % interval; buckets 2–2.5× wide and the uniform-within-bucket model cost some coverage.
    expect(covered / 200).toBeGreaterThan(0.75);
  });

  it('agrees with the test at ratio 1: the lower bound exceeds 1 exactly when "slower" is significant', () => {
    for (let seed = 0; seed < 100; seed++) {
      const rng = mulberry32(seed);
      const y = sampleHistogram(rng, 300, { medianMs: 20, sigma: 0.6 }, ISTIO);
      const x = sampleHistogram(rng, 60, { medianMs: 20 * (1 + rng() * 0.6), sigma: 0.6 }, ISTIO);
      const p = mannWhitneyBuckets(x.counts, rescaleOnto(y, 1, x.bounds), 'greater').pValue;
      const r = scaleRatio(x, y, 0.05);
      if (Math.abs(p - 0.05) > 1e-3) expect(r.low > 1).toBe(p < 0.05);
    }
  });

  it('says "at most/at least" at the ends of its range when the data cannot bound it', () => {
    const one = { bounds: ISTIO, counts: ISTIO.map((_, i) => (i === 5 ? 1 : 0)) };
    const r = scaleRatio(one, one, 0.05);
    expect(r.low).toBeLessThan(0.2);
    expect(r.high).toBeGreaterThan(5);
  });
});
