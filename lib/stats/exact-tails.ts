/**
 * Exact upper tails of discrete distributions summed from their pmf: the binomial (exceedances of a
 * threshold) and the hypergeometric (Fisher's exact test). Each sum starts at the pmf of the first term
 * (from log Γ) and walks with the pmf's term ratio, away from the mode, stopping when terms no longer change
 * the sum; the work is about ten standard deviations of terms, never the whole support.
 */
import { logChoose } from './log-gamma';

/** Σ pmf(k) for k from `start` stepping by `dir` while inside [lo, hi], with pmf(k+dir) = pmf(k)·ratio(k). */
function walk(logStart: number, start: number, dir: 1 | -1, lo: number, hi: number, ratio: (k: number) => number): number {
  let term = Math.exp(logStart);
  let sum = 0;
  for (let k = start; k >= lo && k <= hi; k += dir) {
    sum += term;
    if (term <= sum * 1e-17) break;
    term *= ratio(k);
    if (!(term > 0)) break;
  }
  return sum;
}

/**
 * P(X ≥ k) for X ~ Binomial(n, p), n and k integers. Sums the upper tail directly when k is above the mean
 * (so small p-values keep their digits), else returns 1 − P(X ≤ k − 1).
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const logPmf = (j: number) => logChoose(n, j) + j * Math.log(p) + (n - j) * Math.log1p(-p);
  const odds = p / (1 - p);
  if (k > n * p) return Math.min(1, walk(logPmf(k), k, 1, 0, n, (j) => ((n - j) / (j + 1)) * odds));
  const below = walk(logPmf(k - 1), k - 1, -1, 0, n, (j) => (j / (n - j + 1)) / odds);
  return Math.max(0, 1 - below);
}

/**
 * P(X ≥ x) for X ~ Hypergeometric(population N, K successes in it, n draws): the one-sided p-value of
 * Fisher's exact test that the drawn group has more successes than the rest. All arguments integers.
 */
export function hypergeometricUpperTail(x: number, N: number, K: number, n: number): number {
  const lo = Math.max(0, n - (N - K));
  const hi = Math.min(n, K);
  if (x <= lo) return 1;
  if (x > hi) return 0;
  const logPmf = (j: number) => logChoose(K, j) + logChoose(N - K, n - j) - logChoose(N, n);
  const up = (j: number) => ((K - j) * (n - j)) / ((j + 1) * (N - K - n + j + 1));
  const down = (j: number) => (j * (N - K - n + j)) / ((K - j + 1) * (n - j + 1));
  if (x > (n * K) / N) return Math.min(1, walk(logPmf(x), x, 1, lo, hi, up));
  return Math.max(0, 1 - walk(logPmf(x - 1), x - 1, -1, lo, hi, down));
}
