/** Intervals and tests for proportions (success rates), exact or score-based so that small counts are safe. */
import { binomialUpperTail, hypergeometricUpperTail } from './exact-tails';

/** A point estimate with its lower and upper confidence bounds. */
export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/**
 * Wilson's score interval for a proportion k/n at critical value z (e.g. 1.645 for one-sided 95 % bounds):
 * never outside [0, 1], sensible at k = 0 or k = n, unlike the Wald interval. n > 0; k may be fractional.
 */
export function wilsonInterval(k: number, n: number, z: number): Interval {
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Newcombe's hybrid score interval (his method 10, 1998) for the difference p₁ − p₂ of two independent
 * proportions k₁/n₁ and k₂/n₂, from their Wilson intervals at the same z:
 *   low  = d − √((p₁ − l₁)² + (u₂ − p₂)²),   high = d + √((u₁ − p₁)² + (p₂ − l₂)²).
 * Good coverage down to small counts and at 0 % or 100 %, where a Wald interval collapses to a point.
 */
export function newcombeDifference(k1: number, n1: number, k2: number, n2: number, z: number): Interval {
  const a = wilsonInterval(k1, n1, z);
  const b = wilsonInterval(k2, n2, z);
  const d = a.estimate - b.estimate;
  return {
    estimate: d,
    low: Math.max(-1, d - Math.hypot(a.estimate - a.low, b.high - b.estimate)),
    high: Math.min(1, d + Math.hypot(a.high - a.estimate, b.estimate - b.low)),
  };
}

/**
 * One-sided Fisher's exact test that group 1's event proportion (e.g. the canary's failures f₁ of n₁) is
 * greater than group 2's (f₂ of n₂): P(X ≥ f₁) for X hypergeometric with the margins fixed. Exact at any
 * size (conservative, as exact tests are); counts are rounded to integers (window increases are fractional).
 */
export function fisherExactGreater(f1: number, n1: number, f2: number, n2: number): number {
  const a = Math.round(f1);
  const n = Math.round(n1);
  const N = n + Math.round(n2);
  const K = a + Math.round(f2);
  return hypergeometricUpperTail(a, N, K, n);
}

/**
 * One-sided exact binomial test that the true proportion of events exceeds p₀, having seen k of n:
 * P(X ≥ k | n, p₀). Used for "is the canary really past the absolute threshold" (k, n rounded).
 */
export function binomialTestGreater(k: number, n: number, p0: number): number {
  return binomialUpperTail(Math.round(k), Math.round(n), p0);
}
