import { describe, expect, it } from 'vitest';
import { binomialUpperTail, hypergeometricUpperTail } from './exact-tails';
import { logChoose, logGamma } from './log-gamma';
import { mulberry32 } from './simulate';

/** C(n, k) exactly. */
function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

/** num/den as a double, without overflowing either (both can be thousands of digits). */
function ratio(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const sn = Math.max(0, num.toString(2).length - 60);
  const sd = Math.max(0, den.toString(2).length - 60);
  return (Number(num >> BigInt(sn)) / Number(den >> BigInt(sd))) * 2 ** (sn - sd);
}

/** P(X ≥ x) for the hypergeometric, as an exact rational then rounded. */
function bruteHyper(x: number, N: number, K: number, n: number): number {
  let num = 0n;
  for (let j = x; j <= Math.min(n, K); j++) num += choose(K, j) * choose(N - K, n - j);
  return ratio(num, choose(N, n));
}

/** P(X ≥ k) for Binomial(n, a/b), exactly: Σ C(n, j) aʲ (b − a)ⁿ⁻ʲ / bⁿ. */
function bruteBinomial(k: number, n: number, a: number, b: number): number {
  let num = 0n;
  for (let j = Math.max(0, k); j <= n; j++) num += choose(n, j) * BigInt(a) ** BigInt(j) * BigInt(b - a) ** BigInt(n - j);
  return ratio(num, BigInt(b) ** BigInt(n));
}

describe('logGamma / logChoose', () => {
  it('matches sums of logs and half-integer values', () => {
    let sum = 0;
    for (let n = 1; n <= 2000; n++) {
      sum += Math.log(n);
      expect(Math.abs(logGamma(n + 1) - sum)).toBeLessThan(1e-12 * Math.max(1, sum));
    }
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    // Γ(10.5) = 19!!/2¹⁰ · √π; Stirling's series (error < 1e-20 at z = 1000.5) for a large non-integer.
    expect(logGamma(10.5)).toBeCloseTo(Math.log((654729075 / 1024) * Math.sqrt(Math.PI)), 13);
    const z = 1000.5;
    const stirling = (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * z) - 1 / (360 * z ** 3) + 1 / (1260 * z ** 5);
    expect(Math.abs(logGamma(z) - stirling) / stirling).toBeLessThan(1e-14);
    expect(logChoose(52, 5)).toBeCloseTo(Math.log(2598960), 12);
    expect(logChoose(5, 6)).toBe(-Infinity);
  });
});

describe('hypergeometricUpperTail (Fisher)', () => {
  it.each([
    // Fisher's lady tasting tea, table [[3, 1], [1, 3]]: (16 + 1) / 70.
    [3, 8, 4, 4, 17 / 70],
    // [[8, 2], [1, 5]] one-sided: (C(9,8)·C(7,2) + C(9,9)·C(7,1)) / C(16,10) = 196 / 8008.
    [8, 16, 9, 10, 196 / 8008],
  ])('P(X ≥ %d | N=%d, K=%d, n=%d) = %d', (x, N, K, n, want) => {
    expect(hypergeometricUpperTail(x, N, K, n)).toBeCloseTo(want, 14);
  });
  it('matches exact rational sums on random tables, tails small and large', () => {
    const rng = mulberry32(7);
    for (let t = 0; t < 300; t++) {
      const N = 2 + Math.floor(rng() * 3000);
      const K = Math.floor(rng() * Math.min(N, 60));
      const n = Math.floor(rng() * N);
      const x = Math.floor(rng() * (Math.min(n, K) + 2));
      const want = bruteHyper(x, N, K, n);
      const got = hypergeometricUpperTail(x, N, K, n);
      expect(Math.abs(got - want)).toBeLessThan(1e-12 + 1e-9 * want);
    }
  });
});

describe('binomialUpperTail', () => {
  it.each([
    [0, 10, 0.3, 1],
    [11, 10, 0.3, 0],
    // 1 − 0.99²⁰
    [1, 20, 0.01, 1 - 0.99 ** 20],
  ])('P(X ≥ %d | n=%d, p=%d) = %d', (k, n, p, want) => {
    expect(binomialUpperTail(k, n, p)).toBeCloseTo(want, 14);
  });
  it('matches exact rational sums (p = a/b), including 1e-30 tails', () => {
    const rng = mulberry32(11);
    for (let t = 0; t < 200; t++) {
      const n = 1 + Math.floor(rng() * 400);
      const b = 1000;
      const a = 1 + Math.floor(rng() * 200);
      const k = Math.floor(rng() * (n + 1));
      const want = bruteBinomial(k, n, a, b);
      expect(Math.abs(binomialUpperTail(k, n, a / b) - want)).toBeLessThan(1e-12 + 1e-9 * want);
    }
  });
});
