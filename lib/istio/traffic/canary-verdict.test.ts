import { describe, expect, it } from 'vitest';
import { ISTIO_LATENCY_BOUNDS, type SideModel, simulateCanaryPair } from './canary-simulate';
import { type CanaryEvidence, type CanaryPolicy, type CanaryVerdictKind, DEFAULT_CANARY_POLICY, judgeCanaryEvidence, resolveCanaryPolicy } from './canary-verdict';

const LATENCY = { medianMs: 20, sigma: 0.5 };
const side = (version: string, requests: number, failureRate: number, medianMs = 20, sigma = 0.5): SideModel => ({ version, requests, failureRate, latency: { medianMs, sigma } });

/** Verdict counts over `seeds` windows drawn from the same models. */
function tally(seeds: number, baseline: SideModel, canary: SideModel, policy?: Partial<CanaryPolicy>): Record<CanaryVerdictKind, number> {
  const out: Record<CanaryVerdictKind, number> = { healthy: 0, failing: 0, inconclusive: 0, 'not-enough-data': 0 };
  for (let seed = 0; seed < seeds; seed++) {
    const e = simulateCanaryPair(seed, baseline, canary);
    out[judgeCanaryEvidence(e.baseline, e.canary, policy).verdict]++;
  }
  return out;
}

/** Evidence with every request in the given buckets of Istio's bounds (index → count). */
function evidence(version: string, requests: number, failures: number, buckets: Record<number, number>): CanaryEvidence {
  return { version, requests, failures, latency: { bounds: [...ISTIO_LATENCY_BOUNDS], counts: ISTIO_LATENCY_BOUNDS.map((_, i) => buckets[i] ?? 0) } };
}

describe('judgeCanaryEvidence: error rates over 1,000 seeds', () => {
  it.each([
    ['20 vs 160 requests', 160, 20, 0],
    ['200 vs 1,000 requests', 1000, 200, 0],
    // With enough data to rule a regression out, identical versions are healthy.
    ['2,000 vs 10,000 requests', 10000, 2000, 0.95],
  ])('identical distributions are failing in at most α of seeds (%s)', (_, nBase, nCanary, healthyAtLeast) => {
    const t = tally(1000, side('v1', nBase, 0.002), side('v3', nCanary, 0.002));
    expect(t.failing / 1000).toBeLessThanOrEqual(DEFAULT_CANARY_POLICY.alpha);
    expect(t.healthy / 1000).toBeGreaterThanOrEqual(healthyAtLeast);
  });

  it('a 2× latency regression is failing in ≥ 95 % of seeds at 200 vs 1,000 requests', () => {
    const t = tally(1000, side('v1', 1000, 0.002), side('v3', 200, 0.002, 40));
    expect(t.failing / 1000).toBeGreaterThanOrEqual(0.95);
  });

  it('a 5-point error regression (1 % → 6 %) is failing: by the comparison alone, and with the 99 % floor', () => {
    const comparative = tally(1000, side('v1', 1000, 0.01), side('v3', 200, 0.06), { minSuccessRate: 0.5 });
    expect(comparative.failing / 1000).toBeGreaterThanOrEqual(0.85);
    expect(tally(1000, side('v1', 2500, 0.01), side('v3', 500, 0.06), { minSuccessRate: 0.5 }).failing / 1000).toBeGreaterThanOrEqual(0.99);
    expect(tally(1000, side('v1', 1000, 0.01), side('v3', 200, 0.06)).failing / 1000).toBeGreaterThanOrEqual(0.95);
  });

  it('a true slowdown at the 1.5× floor is called healthy in at most ~10 % of seeds (the bound is one-sided 95 %)', () => {
    // The success floor is set out of the way so that only the latency bound can block "healthy".
    const policy = { successDropFailing: 50 };
    const atFloor = tally(1000, side('v1', 1000, 0), side('v3', 200, 0, 30), policy);
    expect(atFloor.healthy / 1000).toBeLessThanOrEqual(0.1);
    // …while the same sizes with no slowdown are mostly healthy: the bound is not simply never met.
    expect(tally(1000, side('v1', 1000, 0), side('v3', 200, 0), policy).healthy / 1000).toBeGreaterThan(0.9);
  });
});

describe('judgeCanaryEvidence: decisions and their reasons', () => {
  it("the demo's 80/10/10 start (~15 v3 vs ~120 v1 requests in 30 s) is not-enough-data, with how many more", () => {
    const e = simulateCanaryPair(1, side('v1', 120, 0, 6, 0.4), side('v3', 15, 0, 70, 0.2));
    const v = judgeCanaryEvidence(e.baseline, e.canary);
    expect(v.verdict).toBe('not-enough-data');
    expect(v.needed).toEqual([{ version: 'v3', requests: 5 }]);
    expect(v.reasons).toEqual(['v3: 15 requests in the window, 5 more needed (at least 20 per version)']);
    // The evidence is still shown.
    expect(v.latency.canary.p95).toBeGreaterThan(v.latency.baseline.p95 as number);
  });

  it('names every side that is short, rounding fractional window counts up', () => {
    const v = judgeCanaryEvidence(evidence('v1', 7.4, 0, { 4: 7.4 }), evidence('v3', 0, 0, {}), { minRequests: 50 });
    expect(v.needed).toEqual([
      { version: 'v1', requests: 43 },
      { version: 'v3', requests: 50 },
    ]);
    expect(v.success.canary).toBeNaN();
  });

  it("the demo's v3 (reviews + ratings + ~60 ms) vs v1 with a minute of traffic: failing, by Mann-Whitney", () => {
    const e = simulateCanaryPair(2, side('v1', 240, 0, 6, 0.4), side('v3', 30, 0, 70, 0.2));
    const v = judgeCanaryEvidence(e.baseline, e.canary);
    expect(v.verdict).toBe('failing');
    expect(v.latency.pValue).toBeLessThan(1e-6);
    expect(v.latency.effect).toBeGreaterThan(5);
    expect(v.reasons[0]).toMatch(/^v3 p50 .* vs v1 .*: \d+× \(90% CI .*\); slower with p < 0\.0001 \(Mann-Whitney U\), at or over the 1\.5× floor$/);
  });

  it.each([
    // [what, baseline, canary, expected]
    ['a stable 1.2× difference with plenty of data is healthy, and says it is real but small', side('v1', 10000, 0.002), side('v3', 2000, 0.002, 24), 'healthy'],
  ] as const)('%s', (_, baseline, canary, want) => {
    const e = simulateCanaryPair(3, baseline, canary);
    const v = judgeCanaryEvidence(e.baseline, e.canary);
    expect(v.verdict).toBe(want);
    if (want === 'healthy') expect(v.reasons.join('\n')).toMatch(/below the 1\.5× floor \(a real but small difference, p < 0\.0001\)/);
  });

  it('the same 1.2× on little data (30 vs 150) is mostly inconclusive, rarely failing, never healthy', () => {
    const t = tally(200, side('v1', 150, 0), side('v3', 30, 0, 24));
    expect(t.inconclusive / 200).toBeGreaterThan(0.85);
    expect(t.healthy).toBe(0);
  });

  it('a large slowdown on few requests that is not significant is inconclusive', () => {
    const v = judgeCanaryEvidence(evidence('v1', 25, 0, { 3: 5, 4: 10, 5: 10 }), evidence('v3', 25, 0, { 3: 1, 4: 11, 5: 3, 6: 10 }));
    expect(v.verdict).toBe('inconclusive');
    expect(v.latency.effect).toBeGreaterThan(1.6);
    expect(v.latency.pValue).toBeGreaterThan(0.005);
    expect(v.reasons).toContain('v3 p50 29 ms, p95 94 ms vs v1 21 ms, 47 ms: 1.6× (90% CI 1.2×–2.5×): a 1.5× slowdown is not ruled out yet (p = 0.013, Mann-Whitney U)');
  });

  it('an absolute p99 breach shown by the data is failing and says which threshold', () => {
    // 300 canary requests, 15 of them in (500, 1000] ms: p99 over 500 ms and 5 % of requests above it.
    const v = judgeCanaryEvidence(evidence('v1', 1000, 0, { 4: 600, 5: 400 }), evidence('v3', 300, 0, { 4: 170, 5: 115, 9: 15 }));
    expect(v.verdict).toBe('failing');
    expect(v.thresholds.maxP99Ms).toMatchObject({ value: 500, pass: false });
    expect(v.thresholds.maxP99Ms?.pValue).toBeLessThan(0.005);
    expect(v.reasons[0]).toMatch(/^v3 p99 \d+ ms is over the 500 ms ceiling \(15 of 300 requests above it\); p < 0\.0001 \(exact binomial\)$/);
  });

  it('a success rate under the floor by one unlucky request is inconclusive; a real shortfall is failing', () => {
    const lat = { 4: 600, 5: 400 };
    const few = judgeCanaryEvidence(evidence('v1', 1000, 0, lat), evidence('v3', 100, 2, { 4: 60, 5: 40 }));
    expect(few.thresholds.minSuccessRate).toMatchObject({ value: 0.99, pass: false });
    expect(few.verdict).toBe('inconclusive');
    expect(few.reasons[0]).toBe('v3 success 98% (2 of 100 failed) is below the 99% floor, not yet significant (p = 0.26, exact binomial)');
    // Baseline just as bad: the comparison sees nothing, the absolute floor still fails the canary.
    const many = judgeCanaryEvidence(evidence('v1', 5000, 150, { 4: 3000, 5: 2000 }), evidence('v3', 1000, 30, { 4: 600, 5: 400 }));
    expect(many.verdict).toBe('failing');
    expect(many.success.pValue).toBeGreaterThan(0.3);
    expect(many.reasons[0]).toMatch(/^v3 success 97% \(30 of 1000 failed\) is below the 99% floor; p < 0\.0001/);
  });

  it('reports the success difference with its interval and the latency ratio with its own', () => {
    const e = simulateCanaryPair(4, side('v1', 10000, 0.002), side('v3', 2000, 0.002));
    const v = judgeCanaryEvidence(e.baseline, e.canary);
    const d = v.success.difference;
    expect(d.low).toBeLessThanOrEqual(d.estimate);
    expect(d.estimate).toBeLessThanOrEqual(d.high);
    expect(d.estimate).toBeCloseTo(v.success.canary - v.success.baseline, 12);
    expect(v.latency.ratio?.low).toBeLessThan(1);
    expect(v.latency.ratio?.high).toBeGreaterThan(1);
    expect(v.latency.superiority).toBeGreaterThan(0.45);
    expect(v.confidence).toBeCloseTo(0.9, 12);
  });

  it('latency crowded into one bucket is never healthy: the buckets cannot resolve 1.5×', () => {
    const v = judgeCanaryEvidence(evidence('v1', 5000, 0, { 3: 4500, 4: 500 }), evidence('v3', 2000, 0, { 3: 1800, 4: 200 }));
    expect(v.verdict).toBe('inconclusive');
    expect(v.reasons[0]).toMatch(/90% of v1 requests sit in one bucket \(5\.0 ms–10 ms\): the buckets cannot rule out a 1\.5× change$/);
  });

  it('a malformed or missing histogram leaves latency undecided, never healthy', () => {
    const good = evidence('v1', 5000, 0, { 4: 3000, 5: 2000 });
    const bad: CanaryEvidence = { version: 'v3', requests: 2000, failures: 0, latency: { bounds: [10, 5, Infinity], counts: [1, 2, 3] } };
    const v = judgeCanaryEvidence(good, bad);
    expect(v.verdict).toBe('inconclusive');
    expect(v.reasons[0]).toBe('v3 has no latency histogram to check the 500 ms p99 ceiling (bounds must be ascending, distinct and ≥ 0)');
    expect(v.reasons).toContain('latency cannot be compared: bounds must be ascending, distinct and ≥ 0');
  });

  it('compares histograms with different bounds (a coarser canary) without inventing a difference', () => {
    const e = simulateCanaryPair(5, side('v1', 10000, 0.002), side('v3', 2000, 0.002));
    // Merge the canary's (10, 25] and (25, 50] buckets: same requests, coarser bounds.
    const { bounds, counts } = e.canary.latency;
    const i = bounds.indexOf(25);
    const coarse: CanaryEvidence = { ...e.canary, latency: { bounds: bounds.filter((_, j) => j !== i), counts: counts.flatMap((c, j) => (j === i ? [] : j === i + 1 ? [c + (counts[i] as number)] : [c])) } };
    const v = judgeCanaryEvidence(e.baseline, coarse);
    expect(v.latency.pValue).toBeGreaterThan(0.05);
    expect(v.latency.ratio?.low).toBeLessThan(1.05);
    expect(v.latency.ratio?.high).toBeGreaterThan(0.95);
    expect(v.verdict).not.toBe('failing');
  });

  it('cleans impossible counts instead of trusting them', () => {
    const v = judgeCanaryEvidence(evidence('v1', 100, -3, { 4: 100 }), evidence('v3', 100, 250, { 4: 100 }));
    expect(v.success.baseline).toBe(1);
    expect(v.success.canary).toBe(0);
    expect(v.verdict).toBe('failing');
  });
});

describe('resolveCanaryPolicy', () => {
  it('fills defaults and ignores undefined fields', () => {
    expect(resolveCanaryPolicy({ alpha: undefined, minRequests: 50 })).toEqual({ ...DEFAULT_CANARY_POLICY, minRequests: 50 });
  });
  it.each([{ minRequests: 0 }, { alpha: 0 }, { alpha: 1 }, { minSuccessRate: 1.2 }, { latencyRatioFailing: 1 }, { successDropFailing: 0 }, { equivalenceAlpha: 0.5 }, { maxP99Ms: -1 }])('rejects %j', (p) => {
    expect(() => resolveCanaryPolicy(p)).toThrow(RangeError);
  });
});

// Keep the shared model honest: the tests above assume Istio's default buckets with +Inf last.
it('simulates into Istio buckets', () => {
  expect(ISTIO_LATENCY_BOUNDS[ISTIO_LATENCY_BOUNDS.length - 1]).toBe(Infinity);
  expect(LATENCY.medianMs).toBe(20);
});
