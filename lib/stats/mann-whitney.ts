/**
 * The Mann-Whitney U test on two samples given as counts over the same ordered buckets (histogram data:
 * every observation in a bucket is tied with the others there). O(buckets); samples are never expanded.
 */
import { normalSf } from './normal';

/** Which way the alternative hypothesis points, as scipy's `mannwhitneyu(x, y, alternative=…)`. */
export type Alternative = 'greater' | 'less' | 'two-sided';

/** The U statistic, its z and p-value, and the effect size, for one alternative. */
export interface MannWhitneyResult {
  /** U of the first sample: pairs (x, y) with x > y, plus half the tied pairs (scipy's `statistic`, U1). */
  u: number;
  /** Sample sizes (sums of the counts; may be fractional for re-bucketed data). */
  n1: number;
  n2: number;
  /** The tie-corrected, continuity-corrected z of the tested direction (NaN when the variance is 0). */
  z: number;
  /** p-value of the alternative; 1 when there is no information (all observations tied, or a side empty). */
  pValue: number;
  /**
   * Probability of superiority U1 / (n1·n2) = P(X > Y) + ½·P(X = Y): ½ for equal distributions, toward 1 when
   * the first sample tends to be larger (the common-language effect size; its direction is the finding).
   */
  superiority: number;
}

/**
 * Mann-Whitney U of sample x against sample y, counts per bucket over the same bounds (`x[i]`, `y[i]`
 * observations in bucket i; buckets ordered ascending). Same conventions as scipy's
 * `mannwhitneyu(x, y, alternative, method='asymptotic', use_continuity=True)`:
 *   U1 = Σᵢ xᵢ·(Y<ᵢ + yᵢ/2),   μ = n1·n2/2,
 *   σ² = n1·n2/12 · ((N+1) − Σᵢ(tᵢ³ − tᵢ) / (N(N−1))),   tᵢ = xᵢ + yᵢ, N = n1 + n2,
 *   z = (U − μ − ½)/σ with U = U1 ('greater'), U2 = n1·n2 − U1 ('less') or max(U1, U2) ('two-sided', p doubled).
 * Assumptions: independent observations (requests), buckets that order the values (ties within a bucket
 * are treated as exact ties, which the tie correction accounts for). The normal approximation is good
 * from about 20 observations per side; below that the p-value is approximate.
 */
export function mannWhitneyBuckets(x: ArrayLike<number>, y: ArrayLike<number>, alternative: Alternative = 'greater'): MannWhitneyResult {
  if (x.length !== y.length) throw new RangeError(`bucket counts differ in length: ${x.length} vs ${y.length}`);
  let n1 = 0;
  let n2 = 0;
  let u1 = 0;
  let ties = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    u1 += xi * (n2 + yi / 2);
    n1 += xi;
    n2 += yi;
    const t = xi + yi;
    ties += t * (t - 1) * (t + 1);
  }
  const n = n1 + n2;
  const superiority = n1 > 0 && n2 > 0 ? u1 / (n1 * n2) : 0.5;
  const none = { u: u1, n1, n2, z: NaN, pValue: 1, superiority };
  if (!(n1 > 0 && n2 > 0 && n > 1)) return none;
  const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)));
  // All observations in one bucket leave a variance of 0 up to rounding: no information about order.
  if (!(variance > 1e-12 * n1 * n2)) return none;
  const sigma = Math.sqrt(variance);
  const mu = (n1 * n2) / 2;
  const u2 = n1 * n2 - u1;
  const u = alternative === 'greater' ? u1 : alternative === 'less' ? u2 : Math.max(u1, u2);
  const z = (u - mu - 0.5) / sigma;
  const p = alternative === 'two-sided' ? Math.min(1, 2 * normalSf(z)) : normalSf(z);
  return { u: u1, n1, n2, z, pValue: p, superiority };
}
