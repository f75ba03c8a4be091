/**
 * Seeded synthetic traffic for the statistics' tests and benchmarks: a small PRNG and latency samples from
 * known distributions binned into histogram buckets. Pure: the generator's state lives in the closure the
 * caller holds, never in the module.
 */
import type { Histogram } from './histogram';

/** A uniform generator on [0, 1). */
export type Random = () => number;

/** Mulberry32: a 32-bit seeded PRNG, fast and well mixed enough for Monte Carlo at these sizes. */
export function mulberry32(seed: number): Random {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box-Muller; the second value is dropped to keep the generator stateless). */
export function standardNormal(rng: Random): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** A latency distribution to sample: log-normal with this median (ms) and log-sd, plus a fixed offset. */
export interface LatencyModel {
  medianMs: number;
  sigma: number;
  /** Added to every sample (ms), e.g. a downstream call; default 0. */
  offsetMs?: number;
}

/** The bucket index holding `v` for ascending upper bounds (`le` semantics: v ≤ bound). */
export function bucketOf(bounds: readonly number[], v: number): number {
  let lo = 0;
  let hi = bounds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= (bounds[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** `n` latency samples from `model` binned over `bounds` (which must end with `Infinity`). */
export function sampleHistogram(rng: Random, n: number, model: LatencyModel, bounds: readonly number[]): Histogram {
  const counts = new Array<number>(bounds.length).fill(0);
  for (let i = 0; i < n; i++) {
    const v = (model.offsetMs ?? 0) + model.medianMs * Math.exp(model.sigma * standardNormal(rng));
    const b = bucketOf(bounds, v);
    counts[b] = (counts[b] as number) + 1;
  }
  return { bounds, counts };
}

/** The number of failures among `n` requests each failing with probability `p`. */
export function sampleFailures(rng: Random, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng() < p) k++;
  return k;
}
