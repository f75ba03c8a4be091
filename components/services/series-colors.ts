/** One colour per version, in the order versions are listed (the split bar uses the same order: sv-c0…sv-c5). */
export const VERSION_COLORS = ['#5794f2', '#73bf69', '#f2a33a', '#b877d9', '#ff7383', '#8ab8ff'] as const;
export const versionColor = (i: number): string => VERSION_COLORS[i % VERSION_COLORS.length] ?? '#5794f2';

/** Quantile colours for latency charts: p50 calm, p99 loud. */
export const QUANTILE_COLORS = { p50: '#73bf69', p95: '#f2a33a', p99: '#ff7383' } as const;
