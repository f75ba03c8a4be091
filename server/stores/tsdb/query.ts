import { extrapolatedIncrease } from '../../../lib/metrics/counter-math';
import type { Labels } from '../../../lib/metrics/labels';
import type { TelemetryRow } from '../../../lib/graph/telemetry';
import type { Series } from './series';
import type { TimeSeriesStore } from './store';

export interface RateQuery {
  name: string;
  /** Which series take part (label predicate). */
  filter: (labels: Labels) => boolean;
  groupBy: readonly string[];
  /** Window (startMs, endMs]. */
  startMs: number;
  endMs: number;
  /** Keep groups whose rate is zero. */
  keepZero: boolean;
}

const SEP = '\u0001';

function groupKey(s: Series, sig: string, groupBy: readonly string[]): string {
  let k = s.groupKeys.get(sig);
  if (k === undefined) {
    k = '';
    for (const l of groupBy) k += (s.labels[l] ?? '') + SEP;
    s.groupKeys.set(sig, k);
  }
  return k;
}

/**
 * `sum by (groupBy) (rate(name{filter}[window]))` evaluated at the window's end, with Prometheus's rate
 * semantics (counter resets, extrapolation). Groups keep only the `groupBy` labels, as PromQL's `sum by` does.
 */
export function sumRates(store: TimeSeriesStore, q: RateQuery): TelemetryRow[] {
  return sumSeriesRates(store.select(q.name), q);
}

/** {@link sumRates} over a given set of series. */
export function sumSeriesRates(series: Iterable<Series>, q: RateQuery): TelemetryRow[] {
  const sig = q.groupBy.join(',');
  const rangeSec = (q.endMs - q.startMs) / 1000;
  const groups = new Map<string, { labels: Record<string, string>; value: number }>();
  for (const s of series) {
    if (s.lastT <= q.startMs || !q.filter(s.labels)) continue;
    const inc = extrapolatedIncrease(s.window(q.startMs, q.endMs), q.startMs, q.endMs, true);
    if (inc === undefined) continue;
    const key = groupKey(s, sig, q.groupBy);
    const g = groups.get(key);
    if (g) g.value += inc / rangeSec;
    else {
      const labels: Record<string, string> = {};
      for (const l of q.groupBy) {
        const v = s.labels[l];
        if (v !== undefined) labels[l] = v;
      }
      groups.set(key, { labels, value: inc / rangeSec });
    }
  }
  const rows: TelemetryRow[] = [];
  for (const g of groups.values()) if (q.keepZero || g.value > 0) rows.push(g);
  return rows;
}

export interface RangeRateQuery {
  name: string;
  filter: (labels: Labels) => boolean;
  groupBy: readonly string[];
  startMs: number;
  endMs: number;
  stepMs: number;
  /** The rate window behind each point. */
  windowMs: number;
}

/** `sum by (groupBy) (rate(...[window]))` at each step in [start, end]: one row list per step. */
export function sumRatesRange(store: TimeSeriesStore, q: RangeRateQuery): { t: number; rows: TelemetryRow[] }[] {
  const out: { t: number; rows: TelemetryRow[] }[] = [];
  const matched: Series[] = [];
  for (const s of store.select(q.name)) if (s.lastT > q.startMs - q.windowMs && q.filter(s.labels)) matched.push(s);
  for (let t = q.startMs; t <= q.endMs; t += q.stepMs) {
    out.push({ t, rows: sumSeriesRates(matched, { name: q.name, filter: () => true, groupBy: q.groupBy, startMs: t - q.windowMs, endMs: t, keepZero: true }) });
  }
  return out;
}
