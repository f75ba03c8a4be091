import { describe, expect, it } from 'vitest';
import { type Alternative, mannWhitneyBuckets } from './mann-whitney';
import { normalSf } from './normal';
import { mulberry32 } from './simulate';

/**
 * An independent, textbook implementation: expand the samples (value = bucket index), rank them with
 * mid-ranks for ties, U1 = R1 − n1(n1+1)/2, tie term from the runs of equal values, then scipy's
 * asymptotic z with continuity correction.
 */
function bruteForce(x: number[], y: number[], alternative: Alternative): { u: number; p: number } {
  const all = [...x.flatMap((c, i) => Array<[number, 0]>(c).fill([i, 0])), ...y.flatMap((c, i) => Array<[number, 1]>(c).fill([i, 1]))];
  all.sort((a, b) => a[0] - b[0]);
  let r1 = 0;
  let ties = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && (all[j] as [number, number])[0] === (all[i] as [number, number])[0]) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if ((all[k] as [number, number])[1] === 0) r1 += midRank;
    const t = j - i;
    ties += t ** 3 - t;
    i = j;
  }
  const n1 = x.reduce((a, b) => a + b, 0);
  const n2 = y.reduce((a, b) => a + b, 0);
  const n = n1 + n2;
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1))));
  const u = alternative === 'greater' ? u1 : alternative === 'less' ? u2 : Math.max(u1, u2);
  const sf = normalSf((u - (n1 * n2) / 2 - 0.5) / s);
  return { u: u1, p: alternative === 'two-sided' ? Math.min(1, 2 * sf) : sf };
}

describe('mannWhitneyBuckets', () => {
  it("reproduces scipy's documented example (males vs females, asymptotic, two-sided)", () => {
    // scipy.stats.mannwhitneyu([19, 22, 16, 29, 24], [20, 11, 17, 12], method='asymptotic')
    //   → statistic 17.0, pvalue 0.11134688653314041. One bucket per distinct value: no ties.
    const values = [11, 12, 16, 17, 19, 20, 22, 24, 29];
    const males = values.map((v) => ([19, 22, 16, 29, 24].includes(v) ? 1 : 0));
    const females = values.map((v) => ([20, 11, 17, 12].includes(v) ? 1 : 0));
    const r = mannWhitneyBuckets(males, females, 'two-sided');
    expect(r.u).toBe(17);
    expect(r.pValue).toBeCloseTo(0.11134688653314041, 12);
    expect(r.superiority).toBeCloseTo(17 / 20, 15);
  });

  it('matches a hand computation with ties', () => {
    // x = [1, 2, 2, 3], y = [2, 3, 3, 4] → buckets 1..4: x = [1, 2, 1, 0], y = [0, 1, 2, 1].
    // U1 = 0 + 2·½ + (1 + 2·½) = 3; U2 = 13; μ = 8; ties t = [1, 3, 3, 1] → Σ(t³ − t) = 48;
    // σ² = 16/12 · (9 − 48/56) = 76/7; two-sided z = (13 − 8 − ½)/√(76/7) = 1.365692…, p = 2·Q(z) ≈ 0.17204.
    const x = [1, 2, 1, 0];
    const y = [0, 1, 2, 1];
    const two = mannWhitneyBuckets(x, y, 'two-sided');
    expect(two.u).toBe(3);
    expect(two.z).toBeCloseTo(4.5 / Math.sqrt(76 / 7), 12);
    expect(two.pValue).toBeCloseTo(0.17204, 4);
    expect(mannWhitneyBuckets(x, y, 'less').pValue).toBeCloseTo(two.pValue / 2, 12);
    expect(mannWhitneyBuckets(x, y, 'greater').z).toBeCloseTo(-5.5 / Math.sqrt(76 / 7), 12);
  });

  it('agrees with the expanded-sample implementation on random tables, every alternative', () => {
    const rng = mulberry32(3);
    for (let t = 0; t < 200; t++) {
      const buckets = 1 + Math.floor(rng() * 8);
      const x = Array.from({ length: buckets }, () => Math.floor(rng() * (rng() < 0.3 ? 40 : 6)));
      const y = Array.from({ length: buckets }, () => Math.floor(rng() * (rng() < 0.3 ? 40 : 6)));
      for (const alt of ['greater', 'less', 'two-sided'] as const) {
        const want = bruteForce(x, y, alt);
        const got = mannWhitneyBuckets(x, y, alt);
        expect(got.u).toBeCloseTo(want.u, 9);
        if (Number.isNaN(got.z)) expect(got.pValue).toBe(1);
        else expect(got.pValue).toBeCloseTo(want.p, 12);
      }
    }
  });

  it('has no information when everything is tied or a side is empty', () => {
    expect(mannWhitneyBuckets([0, 50, 0], [0, 70, 0]).pValue).toBe(1);
    expect(mannWhitneyBuckets([0, 0, 0], [1, 2, 3]).pValue).toBe(1);
    expect(mannWhitneyBuckets([0, 50, 0], [0, 70, 0]).superiority).toBe(0.5);
    expect(() => mannWhitneyBuckets([1], [1, 2])).toThrow(RangeError);
  });
});
