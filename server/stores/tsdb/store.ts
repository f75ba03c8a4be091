import { parseLe } from '../../../lib/metrics/histogram';
import type { Labels } from '../../../lib/metrics/labels';
import { HistogramSeries, type BucketRef } from './histogram';
import { Series } from './series';

/** What the store hands a scrape cache for one exposition line. */
export type StoreRef = Series | BucketRef;

export interface StoreOptions {
  /** How long samples are kept (default 1h). */
  retentionMs: number;
  /** Samples each series keeps at most (retention / scrape interval; rounded up to a power of two). */
  maxSamplesPerSeries: number;
  /** New series beyond this are refused (and counted). */
  maxSeries: number;
  /**
   * Float64 values across all series (a plain sample takes two: time and value; a histogram row one per bucket
   * plus the time). Rings stop growing there, so sample memory stays under 8 bytes × this.
   */
  maxSamples: number;
}

export const DEFAULT_STORE_OPTIONS: StoreOptions = {
  retentionMs: 3_600_000,
  maxSamplesPerSeries: 1024,
  maxSeries: 500_000,
  maxSamples: 32_000_000,
};

/**
 * The embedded time-series store: series keyed by scrape target and labels (two pods of one workload expose
 * identical Istio label sets, so the target keeps them apart, as Prometheus's `instance` label does), indexed by
 * metric name, each a bounded ring buffer; series that stop being scraped expire after the retention.
 * Label names, values and whole label sets are interned: a mesh repeats the same few hundred values across
 * hundreds of thousands of series.
 */
export class TimeSeriesStore {
  private readonly byKey = new Map<string, Series>();
  private readonly byName = new Map<string, Set<Series>>();
  private readonly histByKey = new Map<string, HistogramSeries>();
  private readonly histByName = new Map<string, Set<HistogramSeries>>();
  /** Interned strings → small ids (label names and values). */
  private readonly strings = new Map<string, number>();
  private readonly stringList: string[] = [];
  /** Interned label sets (without `le`) by their id key. */
  private readonly labelSets = new Map<string, Labels>();
  private nextId = 1;
  private allocated = 0;
  /** Series refused because the store was full. */
  refusedSeries = 0;
  /** Group tables for queries: signature → (group key → id), and the labels of each group. */
  readonly groupSigs = new Map<string, number>();
  readonly groupIds = new Map<string, number>();
  readonly groupLabels: Labels[] = [];
  /** Bumped when the group tables are cleared; series recompute their group ids. */
  groupEpoch = 0;
  readonly options: StoreOptions;

  constructor(options: Partial<StoreOptions> = {}) {
    this.options = { ...DEFAULT_STORE_OPTIONS, ...options };
  }

  /** Series held: plain series plus one per histogram bucket. */
  get seriesCount(): number {
    let buckets = 0;
    for (const h of this.histByKey.values()) buckets += h.les.length;
    return this.byKey.size + buckets;
  }

  get allocatedSamples(): number {
    return this.allocated;
  }

  /** The id of an interned string (interning it: a flat copy, so no slice keeps a scrape body alive). */
  intern(s: string): number {
    let id = this.strings.get(s);
    if (id === undefined) {
      id = this.stringList.length;
      const flat = Buffer.from(s, 'utf8').toString('utf8');
      this.strings.set(flat, id);
      this.stringList.push(flat);
    }
    return id;
  }

  str(id: number): string {
    return this.stringList[id] as string;
  }

  /**
   * The series for (instance, name, labels), created on first use; undefined when the store is full.
   * A `_bucket` line with a valid `le` resolves to a column of its histogram.
   */
  resolve(instance: string, name: string, labels: Labels): StoreRef | undefined {
    const names = Object.keys(labels).filter((k) => k !== 'le').sort();
    let setKey = '';
    for (const k of names) setKey += this.intern(k).toString(36) + '=' + this.intern(labels[k] as string).toString(36) + ',';
    const leText = labels.le;
    const le = leText === undefined ? NaN : parseLe(leText);
    const base = `${this.intern(instance).toString(36)}|${this.intern(name).toString(36)}|${setKey}`;
    if (name.endsWith('_bucket') && !Number.isNaN(le)) {
      let hist = this.histByKey.get(base);
      if (!hist) {
        if (this.byKey.size + this.histByKey.size >= this.options.maxSeries) {
          this.refusedSeries++;
          return undefined;
        }
        hist = new HistogramSeries(this.nextId++, this.str(this.intern(name)), this.labelSet(setKey, names, labels), this.str(this.intern(instance)), base);
        hist.onRelayout = (extra) => {
          this.allocated += extra;
        };
        this.indexHistogram(hist);
      }
      return { hist, col: hist.column(le) };
    }
    const key = `${base}|${leText ?? ''}`;
    const found = this.byKey.get(key);
    if (found) return found;
    if (this.byKey.size + this.histByKey.size >= this.options.maxSeries) {
      this.refusedSeries++;
      return undefined;
    }
    const s = new Series(this.nextId++, this.str(this.intern(name)), this.labelSet(setKey, names, labels), le, this.str(this.intern(instance)), key);
    this.index(s);
    return s;
  }

  private labelSet(setKey: string, names: string[], labels: Labels): Labels {
    let shared = this.labelSets.get(setKey);
    if (!shared) {
      // Built in one go: an object grown key by key past a dozen labels drops to (slow) dictionary mode, and
      // queries read these labels for every series.
      shared = Object.fromEntries(names.map((k) => [this.str(this.intern(k)), this.str(this.intern(labels[k] as string))])) as Labels;
      this.labelSets.set(setKey, shared);
    }
    return shared;
  }

  private indexHistogram(h: HistogramSeries): void {
    this.histByKey.set(h.key, h);
    let set = this.histByName.get(h.name);
    if (!set) {
      set = new Set();
      this.histByName.set(h.name, set);
    }
    set.add(h);
  }

  private index(s: Series): void {
    this.byKey.set(s.key, s);
    let set = this.byName.get(s.name);
    if (!set) {
      set = new Set();
      this.byName.set(s.name, set);
    }
    set.add(s);
  }

  append(ref: StoreRef, t: number, v: number): boolean {
    const grow = (extra: number) => {
      if (this.allocated + extra > this.options.maxSamples) return false;
      this.allocated += extra;
      return true;
    };
    if (ref instanceof Series) {
      if (ref.dropped) {
        // A scrape cache still holds an expired series that is back: index it again.
        ref.dropped = false;
        if (!this.byKey.has(ref.key)) this.index(ref);
      }
      return ref.append(t, v, this.options.maxSamplesPerSeries, grow);
    }
    const h = ref.hist;
    if (h.dropped) {
      h.dropped = false;
      if (!this.histByKey.has(h.key)) this.indexHistogram(h);
    }
    return h.append(ref.col, t, v, this.options.maxSamplesPerSeries, grow);
  }

  /** Histograms of one `_bucket` metric name. */
  histograms(name: string): Iterable<HistogramSeries> {
    return this.histByName.get(name) ?? [];
  }

  /** Series of one metric name. */
  select(name: string): Iterable<Series> {
    return this.byName.get(name) ?? [];
  }

  metricNames(): string[] {
    return [...this.byName.keys(), ...this.histByName.keys()];
  }

  /** Drops series with no sample within the retention; returns how many went. */
  gc(nowMs: number): number {
    const cutoff = nowMs - this.options.retentionMs;
    let dropped = 0;
    for (const [key, s] of this.byKey) {
      if (s.lastT >= cutoff) continue;
      this.byKey.delete(key);
      this.byName.get(s.name)?.delete(s);
      if (this.byName.get(s.name)?.size === 0) this.byName.delete(s.name);
      this.allocated -= s.floats;
      s.dropped = true;
      dropped++;
    }
    for (const [key, h] of this.histByKey) {
      if (h.lastT >= cutoff) continue;
      this.histByKey.delete(key);
      this.histByName.get(h.name)?.delete(h);
      if (this.histByName.get(h.name)?.size === 0) this.histByName.delete(h.name);
      this.allocated -= h.floats;
      h.dropped = true;
      dropped++;
    }
    if (dropped > 0) {
      // Groups of expired series would otherwise accumulate forever.
      this.groupIds.clear();
      this.groupLabels.length = 0;
      this.groupEpoch++;
    }
    return dropped;
  }
}
