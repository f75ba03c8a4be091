/** Number formats for the canary verdict's reasons: one place, so every sentence reads the same. */

/** A p-value as people read it: two significant digits, "< 0.0001" below that. */
export function formatP(p: number): string {
  if (p < 0.0001) return 'p < 0.0001';
  return `p = ${Number(p.toPrecision(2))}`;
}

/** Milliseconds: one decimal below 10 ms, whole numbers above. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '—';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** A rate (0–1) as a percentage: two decimals from 99 % (where the floor lives), one below, no trailing zeros. */
export function formatPercent(rate: number): string {
  const pct = rate * 100;
  const fixed = pct >= 99 && pct < 100 ? pct.toFixed(2) : pct.toFixed(1);
  return `${fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed}%`;
}

/** A ratio with two significant digits and a times sign ("1.3×", "12×"); "≥ 1000×" at the search limit. */
export function formatRatio(r: number): string {
  if (r >= 1000) return '≥ 1000×';
  if (r <= 0.001) return '≤ 0.001×';
  return `${Number(r.toPrecision(2))}×`;
}

/** Percentage points with one decimal. */
export function formatPoints(points: number): string {
  const v = Math.abs(points) < 0.05 ? 0 : points;
  return `${v.toFixed(1)} point${v === 1 ? '' : 's'}`;
}
