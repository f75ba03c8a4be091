import { describe, expect, it } from 'vitest';
import { binomialTestGreater, fisherExactGreater, newcombeDifference, wilsonInterval } from './proportions';

const Z95 = 1.959963984540054;

describe('wilsonInterval', () => {
  // Newcombe (1998a), "Two-sided confidence intervals for the single proportion", Table I, Wilson column.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%d/%d → %d–%d (95%)', (k, n, low, high) => {
    const w = wilsonInterval(k, n, Z95);
    expect(w.low).toBeCloseTo(low, 4);
    expect(w.high).toBeCloseTo(high, 4);
  });
});

describe('newcombeDifference (method 10)', () => {
  // Newcombe (1998b), "Interval estimation for the difference between independent proportions", Table II.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('%d/%d − %d/%d → %d to %d (95%)', (k1, n1, k2, n2, low, high) => {
    const d = newcombeDifference(k1, n1, k2, n2, Z95);
    expect(d.estimate).toBeCloseTo(k1 / n1 - k2 / n2, 12);
    expect(d.low).toBeCloseTo(low, 4);
    expect(d.high).toBeCloseTo(high, 4);
  });
});

describe('fisherExactGreater / binomialTestGreater', () => {
  it('is Fisher one-sided on (failures, requests) pairs and rounds fractional window counts', () => {
    // Canary 3 failures of 4, baseline 1 of 4: the tea-tasting table, p = 17/70.
    expect(fisherExactGreater(3, 4, 1, 4)).toBeCloseTo(17 / 70, 14);
    expect(fisherExactGreater(2.6, 4.2, 1.1, 3.8)).toBeCloseTo(17 / 70, 14);
    // No failures anywhere: nothing to see.
    expect(fisherExactGreater(0, 100, 0, 1000)).toBe(1);
    // All of the canary's 3 failures and none of the baseline's: C(200,3)/C(1200,3).
    expect(fisherExactGreater(3, 200, 0, 1000)).toBeCloseTo((200 * 199 * 198) / (1200 * 1199 * 1198), 14);
  });
  it('binomial test: 2 of 100 requests past a 1 % threshold is not evidence; 10 of 100 is', () => {
    expect(binomialTestGreater(2, 100, 0.01)).toBeCloseTo(1 - 0.99 ** 100 - 100 * 0.01 * 0.99 ** 99, 12);
    expect(binomialTestGreater(10, 100, 0.01)).toBeLessThan(1e-6);
  });
});
