import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, normalSf } from './normal';

// Reference values of Φ (tables / R's pnorm to 16 digits).
const CDF: [number, number][] = [
  [0, 0.5],
  [-1, 0.15865525393145707],
  [-1.96, 0.024997895148220435],
  [-3, 0.0013498980316300946],
  [-5, 2.866515718791939e-7],
  [-8, 6.220960574271784e-16],
  [-10, 7.619853024160527e-24],
  [-20, 2.7536241186062337e-89],
];

/** Independent Φ by its Taylor series Φ(x) = ½ + φ(x)·Σ x^(2n+1)/(2n+1)!!, good to 1e-15 for |x| ≤ 3. */
function seriesCdf(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (x * x) / (2 * n + 1);
    sum += term;
  }
  return 0.5 + (Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI)) * sum;
}

describe('normalCdf / normalSf', () => {
  it.each(CDF)('Φ(%d) matches the reference to 1e-13 relative, both tails', (x, want) => {
    expect(Math.abs(normalCdf(x) - want) / want).toBeLessThan(1e-13);
    expect(Math.abs(normalSf(-x) - want) / want).toBeLessThan(1e-13);
  });
  it('agrees with an independent Taylor series on [-3, 3], and is continuous where its two methods meet', () => {
    for (let x = -3; x <= 3; x += 0.01) expect(normalCdf(x)).toBeCloseTo(seriesCdf(x), 14);
    expect(Math.abs(normalSf(3 - 1e-12) / normalSf(3) - 1)).toBeLessThan(1e-11);
  });
  it('handles infinities and NaN', () => {
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalSf(Infinity)).toBe(0);
    expect(normalCdf(NaN)).toBeNaN();
  });
});

describe('normalQuantile', () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.95, 1.6448536269514722],
    [0.999, 3.090232306167813],
    [0.5, 0],
    [1e-10, -6.361340902404056],
  ])('Φ⁻¹(%d) = %d', (p, want) => {
    expect(normalQuantile(p)).toBeCloseTo(want, 12);
  });
  it('round-trips through Φ across the range', () => {
    for (const p of [1e-300, 1e-20, 1e-8, 0.001, 0.02425, 0.1, 0.3, 0.5, 0.7, 0.97575, 0.999]) {
      expect(Math.abs(normalCdf(normalQuantile(p)) / p - 1)).toBeLessThan(1e-12);
    }
  });
  it('is ±∞ at the ends and NaN outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});
