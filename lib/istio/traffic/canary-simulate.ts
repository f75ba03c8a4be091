/**
 * Seeded canary/baseline evidence from known distributions, for the verdict's tests and benchmark:
 * log-normal latency binned into Istio's default buckets and Bernoulli failures.
 */
import { ISTIO_DURATION_BUCKETS } from '../../metrics/istio';
import { type LatencyModel, mulberry32, sampleFailures, sampleHistogram } from '../../stats/simulate';
import type { CanaryEvidence } from './canary-verdict';

/** Istio's default `istio_request_duration_milliseconds` bounds with `+Inf` appended. */
export const ISTIO_LATENCY_BOUNDS: readonly number[] = Object.freeze([...ISTIO_DURATION_BUCKETS, Infinity]);

/** The true distribution of one side: how many requests, how often they fail, how slow they are. */
export interface SideModel {
  version: string;
  requests: number;
  /** Probability that a request fails. */
  failureRate: number;
  latency: LatencyModel;
}

/** One window's evidence for both sides, reproducible from `seed`. */
export function simulateCanaryPair(seed: number, baseline: SideModel, canary: SideModel): { baseline: CanaryEvidence; canary: CanaryEvidence } {
  const rng = mulberry32(seed);
  const side = (m: SideModel): CanaryEvidence => {
    const h = sampleHistogram(rng, m.requests, m.latency, ISTIO_LATENCY_BOUNDS);
    return { version: m.version, requests: m.requests, failures: sampleFailures(rng, m.requests, m.failureRate), latency: { bounds: [...h.bounds], counts: [...h.counts] } };
  };
  return { baseline: side(baseline), canary: side(canary) };
}
