/** log Γ and log-binomial coefficients, for the exact (Fisher, binomial) tails. */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.9189385332046728;

/**
 * ln Γ(x) for x > 0 by the Lanczos approximation (g = 7, 9 terms; relative error about 1e-15), with the
 * reflection formula below 1/2. Exact log-factorials for integers up to 170 (a sum of logs would drift).
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x) || x <= 0) return NaN;
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  if (Number.isInteger(x) && x <= 171) return LOG_FACTORIAL[x - 1] as number;
  const z = x - 1;
  let s = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) s += (LANCZOS[i] as number) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

// ln k! for k = 0..170 from products of exact doubles' logs: a fixed, pure table (no mutable state).
const LOG_FACTORIAL: readonly number[] = (() => {
  const out: number[] = [0];
  let f = 1;
  for (let k = 1; k <= 170; k++) {
    f *= k;
    out.push(Math.log(f));
  }
  return out;
})();

/** ln C(n, k) for 0 ≤ k ≤ n (−∞ outside): the log of the binomial coefficient, via {@link logGamma}. */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  if (k === 0 || k === n) return 0;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}
