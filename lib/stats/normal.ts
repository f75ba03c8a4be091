/**
 * The standard normal distribution: CDF, survival function and quantile, accurate to about 1e-15 relative in
 * both tails (the p-values the canary verdict compares with α = 0.005 live there).
 */

const SQRT_2PI = 2.5066282746310002;

/**
 * Q(x) = P(Z > x) for x ≥ 0. Below 3: Hart's rational approximation 5666 in West's double-precision form
 * ("Better approximations to cumulative normal functions", 2005), relative error about 1e-14 there. From 3
 * on: Laplace's continued fraction Q(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …)))) evaluated backwards from 60
 * terms, which is exact to double precision for x ≥ 3 (Hart's short fraction loses 1e-9 near 7). No
 * cancellation anywhere in the tail; underflows to 0 past 38.
 */
function upperTailAbs(x: number): number {
  const e = Math.exp((-x * x) / 2);
  if (x >= 3) {
    let f = x;
    for (let k = 60; k >= 1; k--) f = x + k / f;
    return e / f / SQRT_2PI;
  }
  let num = 3.52624965998911e-2 * x + 0.700383064443688;
  num = num * x + 6.37396220353165;
  num = num * x + 33.912866078383;
  num = num * x + 112.079291497871;
  num = num * x + 221.213596169931;
  num = num * x + 220.206867912376;
  let den = 8.83883476483184e-2 * x + 1.75566716318264;
  den = den * x + 16.064177579207;
  den = den * x + 86.7807322029461;
  den = den * x + 296.564248779674;
  den = den * x + 637.333633378831;
  den = den * x + 793.826512519948;
  den = den * x + 440.413735824752;
  return (e * num) / den;
}

/**
 * Φ(x) = P(Z ≤ x) for a standard normal Z. NaN for NaN; 0/1 where the tail underflows (|x| > 38).
 * The small tail is computed directly, never as 1 − (something near 1).
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  return x < 0 ? upperTailAbs(-x) : 1 - upperTailAbs(x);
}

/** 1 − Φ(x) = P(Z > x), computed without cancellation for large x (the one-sided p-value of a z statistic). */
export function normalSf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 0;
  if (x === -Infinity) return 1;
  return x > 0 ? upperTailAbs(x) : 1 - upperTailAbs(-x);
}

// Acklam's rational approximation (relative error 1.15e-9), refined below by one Halley step on normalCdf.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function acklam(p: number): number {
  const [a0, a1, a2, a3, a4, a5] = A as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = B as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = C as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = D as [number, number, number, number];
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/**
 * Φ⁻¹(p): the z with Φ(z) = p, for 0 < p < 1 (−∞ at 0, +∞ at 1, NaN outside [0, 1]). Acklam's approximation
 * plus one Halley step, which brings it to full double precision; for p > 1/2 it works on the upper tail
 * so that, e.g., Φ⁻¹(1 − 1e-10) keeps its digits.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -lowerQuantile(1 - p);
  return lowerQuantile(p);
}

function lowerQuantile(p: number): number {
  const x = acklam(p);
  const e = normalCdf(x) - p;
  const u = e * SQRT_2PI * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
