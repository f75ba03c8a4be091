import { BucketSum, cleanBounds, sameBounds } from '../../../lib/metrics/histogram';
import type { Labels } from '../../../lib/metrics/labels';
import type { HistogramRow, TelemetryRow } from '../../../lib/graph/telemetry';
import type { HistogramSeries } from './histogram';
import type { Series } from './series';
import type { TimeSeriesStore } from './store';

export interface RateQuery {
  name: string;
  /** Which series take part (label predicate). */
  filter: (labels: Labels) => boolean;
  /**
   * Names the filter when the same name always means the same predicate: each series then remembers its last
   * answer (labels never change), and a polled graph does not re-test a quarter million series per request.
   */
  filterKey?: string;
  groupBy: readonly string[];
  /** Window (startMs, endMs]. */
  startMs: number;
  endMs: number;
  /** Keep groups whose rate is zero. */
  keepZero: boolean;
}

function leText(le: number): string {
  return le === Infinity ? '+Inf' : String(le);
}

/** The index of a group-by signature (looked up once per query, not per series). */
function signature(store: TimeSeriesStore, groupBy: readonly string[]): number {
  const sigKey = groupBy.join(',');
  let sig = store.groupSigs.get(sigKey);
  if (sig === undefined) {
    sig = store.groupSigs.size;
    store.groupSigs.set(sigKey, sig);
  }
  return sig;
}

/** The group a series falls in for a group-by, computed once per series (labels never change). */
function groupOf(store: TimeSeriesStore, s: Series | HistogramSeries, sig: number, groupBy: readonly string[]): number {
  if (s.groupEpoch !== store.groupEpoch) {
    s.groupIds = [];
    s.groupEpoch = store.groupEpoch;
  }
  const cached = s.groupIds[sig];
  if (cached !== undefined) return cached;
  let key = sig + ':';
  const entries: [string, string][] = [];
  for (const l of groupBy) {
    const v = l === 'le' ? (Number.isNaN(s.le) ? undefined : leText(s.le)) : s.labels[l];
    if (v === undefined) {
      key += '-,';
      continue;
    }
    key += store.intern(v).toString(36) + ',';
    entries.push([l, v]);
  }
  let id = store.groupIds.get(key);
  if (id === undefined) {
    id = store.groupLabels.length;
    store.groupIds.set(key, id);
    // Built in one go so the object keeps fast properties (see TimeSeriesStore's label sets).
    store.groupLabels.push(Object.fromEntries(entries) as Labels);
  }
  s.groupIds[sig] = id;
  return id;
}

/** The store's id for a query's filter key (-1: no key, test every series). */
function filterIdOf(store: TimeSeriesStore, q: { filterKey?: string }): number {
  return q.filterKey === undefined ? -1 : store.intern(q.filterKey);
}

/** Whether a series passes the query's filter, remembered per series under the filter's id. */
function selected(s: Series | HistogramSeries, filter: (labels: Labels) => boolean, filterId: number): boolean {
  if (filterId < 0) return filter(s.labels);
  if (s.filterId !== filterId) {
    s.filterHit = filter(s.labels);
    s.filterId = filterId;
  }
  return s.filterHit;
}

/** Per-second rate of one series over (startMs, endMs], Prometheus-style; NaN without two samples. */
function seriesRate(s: Series, startMs: number, endMs: number): number {
  if (s.lastT <= startMs) return NaN;
  return s.increase(startMs, endMs) / ((endMs - startMs) / 1000);
}

/**
 * `sum by (groupBy) (rate(name{filter}[window]))` evaluated at the window's end, with Prometheus's rate
 * semantics (counter resets, extrapolation). Groups keep only the `groupBy` labels, as PromQL's `sum by` does.
 */
export function sumRates(store: TimeSeriesStore, q: RateQuery): TelemetryRow[] {
  return sumSeriesRates(store, store.select(q.name), q);
}

/**
 * Per-group sums for one query, indexed by group id (queries are synchronous, so one set is shared): a Map would
 * box every partial sum. `stamp` marks the groups the current query touched, `touched` lists them in order.
 */
let groupSums = new Float64Array(1024);
let stamp = new Uint32Array(1024);
let touched = new Int32Array(1024);
let queryStamp = 0;

function ensureGroupCapacity(groups: number): void {
  if (groups <= groupSums.length) return;
  const size = Math.max(groups, groupSums.length * 2);
  const sums = new Float64Array(size);
  sums.set(groupSums);
  groupSums = sums;
  const marks = new Uint32Array(size);
  marks.set(stamp);
  stamp = marks;
}

/** {@link sumRates} over a given set of series (groups in the order first seen). */
export function sumSeriesRates(store: TimeSeriesStore, series: Iterable<Series>, q: RateQuery): TelemetryRow[] {
  const sig = signature(store, q.groupBy);
  const filterId = filterIdOf(store, q);
  queryStamp = (queryStamp + 1) >>> 0 || 1;
  let count = 0;
  for (const s of series) {
    if (s.lastT <= q.startMs || !selected(s, q.filter, filterId)) continue;
    const r = seriesRate(s, q.startMs, q.endMs);
    if (Number.isNaN(r)) continue;
    const g = groupOf(store, s, sig, q.groupBy);
    ensureGroupCapacity(g + 1);
    if (stamp[g] !== queryStamp) {
      stamp[g] = queryStamp;
      groupSums[g] = 0;
      if (count === touched.length) {
        const next = new Int32Array(count * 2);
        next.set(touched);
        touched = next;
      }
      touched[count++] = g;
    }
    groupSums[g] = (groupSums[g] as number) + r;
  }
  const rows: TelemetryRow[] = [];
  for (let i = 0; i < count; i++) {
    const g = touched[i] as number;
    const value = groupSums[g] as number;
    if (q.keepZero || value > 0) rows.push({ labels: store.groupLabels[g] as Labels, value });
  }
  return rows;
}

let scratchRates = new Float64Array(64);

/** Each bucket's rate of `h` over (startMs, endMs] into shared scratch (NaN where undefined); false if none. */
function bucketRates(h: HistogramSeries, startMs: number, endMs: number): boolean {
  if (h.lastT <= startMs) return false;
  if (scratchRates.length < h.les.length) scratchRates = new Float64Array(h.les.length * 2);
  if (!h.increases(startMs, endMs, scratchRates)) return false;
  const rangeSec = (endMs - startMs) / 1000;
  for (let c = 0; c < h.les.length; c++) scratchRates[c] = (scratchRates[c] as number) / rangeSec;
  return true;
}

/** Adds each bucket's rate of `h` over (startMs, endMs] into `into` (le → rate). */
function addBucketRates(h: HistogramSeries, startMs: number, endMs: number, into: Map<number, number>): void {
  if (!bucketRates(h, startMs, endMs)) return;
  for (let c = 0; c < h.les.length; c++) {
    const v = scratchRates[c] as number;
    if (Number.isNaN(v)) continue;
    const le = h.les[c] as number;
    into.set(le, (into.get(le) ?? 0) + v);
  }
}

/**
 * One group's histogram, summed when first read. A graph reads the buckets of one reporter per exchange (the
 * destination's where it reported), so about half of the groups are never read and cost no rate math.
 * Rows are read in the tick they were made in (the store is not appended to in between); each member's window is
 * fixed, so a row says the same whenever it is read.
 */
class LazyHistogramRow implements HistogramRow {
  private summedLes: readonly number[] | undefined;
  private summedRates: ArrayLike<number> = NO_RATES;
  constructor(
    readonly labels: Labels,
    private members: HistogramSeries[],
    /** The query's shared sums: this row's slice is at `index`, used when every member has the common bounds. */
    private readonly slab: GroupSlab,
    private readonly index: number,
    private readonly startMs: number,
    private readonly endMs: number,
  ) {}

  get les(): readonly number[] {
    if (this.summedLes === undefined) this.sum();
    return this.summedLes as readonly number[];
  }

  get rates(): ArrayLike<number> {
    if (this.summedLes === undefined) this.sum();
    return this.summedRates;
  }

  /** Sums the members' bucket rates, as a BucketSum would (finite rates only, in member order). */
  private sum(): void {
    const common = this.slab.les;
    if (common !== undefined && this.members.every((h) => sameBounds(h.les, common))) {
      const n = common.length;
      const out = this.slab.sums.subarray(this.index * n, this.index * n + n);
      for (const h of this.members) {
        if (!bucketRates(h, this.startMs, this.endMs)) continue;
        for (let i = 0; i < n; i++) {
          const v = scratchRates[i] as number;
          if (Number.isFinite(v)) out[i] = (out[i] as number) + v;
        }
      }
      this.summedLes = common;
      this.summedRates = out;
    } else {
      const sum = new BucketSum();
      for (const h of this.members) if (bucketRates(h, this.startMs, this.endMs)) sum.add(h.les, scratchRates);
      this.summedLes = sum.les;
      this.summedRates = sum.rates;
    }
    this.members = [];
  }
}

const NO_RATES: ArrayLike<number> = [];

/** One flat array of bucket sums for a query's groups (a slice each), for the bounds most histograms share. */
interface GroupSlab {
  les: readonly number[] | undefined;
  sums: Float64Array;
}

/**
 * `sum by (groupBy, le) (rate(name_bucket{filter}[window]))`, returned as one histogram per group (groups
 * where no bucket has a rate are left out; bucket rates are computed when a row is first read).
 */
export function sumHistogramRates(store: TimeSeriesStore, q: Omit<RateQuery, 'keepZero'>): HistogramRow[] {
  const groups = new Map<number, HistogramSeries[]>();
  const sig = signature(store, q.groupBy);
  const filterId = filterIdOf(store, q);
  let common: readonly number[] | undefined;
  for (const h of store.histograms(q.name)) {
    if (h.lastT <= q.startMs || !selected(h, q.filter, filterId) || !h.hasIncrease(q.startMs, q.endMs)) continue;
    const g = groupOf(store, h, sig, q.groupBy);
    const members = groups.get(g);
    if (members) members.push(h);
    else groups.set(g, [h]);
    if (common === undefined && cleanBounds(h.les)) common = h.les;
  }
  const slab: GroupSlab = { les: common, sums: new Float64Array(common ? groups.size * common.length : 0) };
  const rows: HistogramRow[] = [];
  for (const [g, members] of groups) rows.push(new LazyHistogramRow(store.groupLabels[g] as Labels, members, slab, rows.length, q.startMs, q.endMs));
  return rows;
}

/** Bucket rates summed by `le` at each step (for quantiles over time). */
export function histogramRatesRange(store: TimeSeriesStore, q: Omit<RangeRateQuery, 'groupBy'>): { t: number; rows: TelemetryRow[] }[] {
  const matched: HistogramSeries[] = [];
  for (const h of store.histograms(q.name)) if (h.lastT > q.startMs - q.windowMs && q.filter(h.labels)) matched.push(h);
  const out: { t: number; rows: TelemetryRow[] }[] = [];
  for (let t = q.startMs; t <= q.endMs; t += q.stepMs) {
    const m = new Map<number, number>();
    for (const h of matched) addBucketRates(h, t - q.windowMs, t, m);
    out.push({ t, rows: [...m].map(([le, value]) => ({ labels: { le: le === Infinity ? '+Inf' : String(le) }, value })) });
  }
  return out;
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
    out.push({ t, rows: sumSeriesRates(store, matched, { name: q.name, filter: () => true, groupBy: q.groupBy, startMs: t - q.windowMs, endMs: t, keepZero: true }) });
  }
  return out;
}
