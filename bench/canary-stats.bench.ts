/**
 * canary-stats.*: the canary verdict as a library (lib/istio/traffic/canary-verdict.ts) on seeded synthetic
 * windows (log-normal latency, median 20 ms, log-sd 0.5, in Istio's default buckets; 0.2 % failures):
 * - judge_us: microseconds per judgeCanaryEvidence call (200 vs 1,000 requests), data generated beforehand;
 * - false_positive_rate: share of 1,000 seeds judged failing when canary and baseline are identical
 *   (200 vs 1,000 requests; the policy's alpha is 0.01);
 * - power_latency_2x: share of 1,000 seeds judged failing when the canary is 2× slower (200 vs 1,000);
 * - power_errors_5pt: share failing for 1 % → 6 % errors by the comparison alone (floor off), 200 vs 1,000;
 * - healthy_rate_identical_large: share judged healthy when identical at 2,000 vs 10,000 requests;
 * - false_healthy_at_floor: share judged healthy when the canary is exactly 1.5× slower (the floor), 200 vs
 *   1,000, with the success floor out of the way so that only the latency bound decides (nominal 0.05).
 */
import type { Emit } from './run';
import { type SideModel, simulateCanaryPair } from '../lib/istio/traffic/canary-simulate';
import { type CanaryPolicy, type CanaryVerdictKind, judgeCanaryEvidence } from '../lib/istio/traffic/canary-verdict';

const SEEDS = 1000;
const side = (version: string, requests: number, failureRate: number, medianMs = 20): SideModel => ({ version, requests, failureRate, latency: { medianMs, sigma: 0.5 } });

function share(kind: CanaryVerdictKind, baseline: SideModel, canary: SideModel, policy?: Partial<CanaryPolicy>): number {
  let n = 0;
  for (let seed = 0; seed < SEEDS; seed++) {
    const e = simulateCanaryPair(seed, baseline, canary);
    if (judgeCanaryEvidence(e.baseline, e.canary, policy).verdict === kind) n++;
  }
  return n / SEEDS;
}

export default async function canaryStats(emit: Emit): Promise<void> {
  const windows = Array.from({ length: 200 }, (_, seed) => simulateCanaryPair(seed, side('v1', 1000, 0.002), side('v3', 200, 0.002)));
  for (const w of windows) judgeCanaryEvidence(w.baseline, w.canary); // warm up the JIT
  const rounds = 5;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const w of windows) judgeCanaryEvidence(w.baseline, w.canary);
  const us = ((performance.now() - t0) * 1000) / (rounds * windows.length);
  emit({ bench: 'canary-stats.judge_us', value: Math.round(us), unit: 'µs' });
  emit({ bench: 'canary-stats.false_positive_rate', value: share('failing', side('v1', 1000, 0.002), side('v3', 200, 0.002)), unit: 'ratio' });
  emit({ bench: 'canary-stats.power_latency_2x', value: share('failing', side('v1', 1000, 0.002), side('v3', 200, 0.002, 40)), unit: 'ratio' });
  emit({ bench: 'canary-stats.power_errors_5pt', value: share('failing', side('v1', 1000, 0.01), side('v3', 200, 0.06), { minSuccessRate: 0.5 }), unit: 'ratio' });
  emit({ bench: 'canary-stats.healthy_rate_identical_large', value: share('healthy', side('v1', 10000, 0.002), side('v3', 2000, 0.002)), unit: 'ratio' });
  emit({ bench: 'canary-stats.false_healthy_at_floor', value: share('healthy', side('v1', 1000, 0), side('v3', 200, 0, 30), { successDropFailing: 50 }), unit: 'ratio' });
}
