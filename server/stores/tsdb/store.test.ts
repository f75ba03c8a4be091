import { describe, expect, it } from 'vitest';
import { sumRates, sumRatesRange } from './query';
import { extrapolatedIncrease } from '../../../lib/metrics/counter-math';
import type { HistogramSeries } from './histogram';
import { Series } from './series';
import { TimeSeriesStore, type StoreRef } from './store';
import { histogramRatesRange, sumHistogramRates } from './query';

function plain(r: StoreRef | undefined): Series {
  if (!(r instanceof Series)) throw new Error('expected a plain series');
  return r;
}

describe('TimeSeriesStore', () => {
  it('keeps samples in order in a growing ring and overwrites the oldest at capacity', () => {
    const store = new TimeSeriesStore({ maxSamplesPerSeries: 8 });
    const s = plain(store.resolve('a:1', 'm', { x: '1' }));
    for (let i = 1; i <= 11; i++) store.append(s, i * 1000, i);
    expect(s.capacity).toBe(8);
    expect(store.allocatedSamples).toBe(16);
    expect(s.length).toBe(8);
    expect(Array.from({ length: 8 }, (_, i) => s.valueAt(i))).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    // a window that spans the ring's wrap point
    const w = s.window(5500, 10_000);
    expect(Array.from(w.vs).slice(w.from, w.to)).toEqual([6, 7, 8, 9, 10]);
    expect(store.append(s, 11_000, 99)).toBe(false); // not after the last sample
  });

  it('refuses series beyond maxSeries and stops growing at the sample budget', () => {
    const store = new TimeSeriesStore({ maxSeries: 2, maxSamples: 24, maxSamplesPerSeries: 64 });
    const a = plain(store.resolve('i', 'm', { k: 'a' }));
    const b = plain(store.resolve('i', 'm', { k: 'b' }));
    expect(store.resolve('i', 'm', { k: 'c' })).toBeUndefined();
    expect(store.refusedSeries).toBe(1);
    expect(store.resolve('i', 'm', { k: 'a' })).toBe(a);
    for (let t = 1; t <= 20; t++) {
      store.append(a, t, t);
      store.append(b, t, t);
    }
    expect(store.allocatedSamples).toBeLessThanOrEqual(24);
    expect(2 * (a.length + b.length)).toBe(store.allocatedSamples);
  });

  it('keeps identical label sets from two targets apart', () => {
    const store = new TimeSeriesStore();
    expect(store.resolve('pod-a:15090', 'm', { x: '1' })).not.toBe(store.resolve('pod-b:15090', 'm', { x: '1' }));
  });

  it('expires series with no sample within the retention', () => {
    const store = new TimeSeriesStore({ retentionMs: 10_000 });
    const old = store.resolve('i', 'm', { k: 'old' })!;
    const fresh = store.resolve('i', 'm', { k: 'fresh' })!;
    store.append(old, 1000, 1);
    store.append(fresh, 15_000, 1);
    expect(store.gc(20_000)).toBe(1);
    expect([...store.select('m')]).toEqual([fresh]);
  });
});

describe('sumRates', () => {
  const store = new TimeSeriesStore();
  // two pods of one workload, 2/s and 3/s, plus another code at 1/s with a counter reset
  const add = (instance: string, labels: Record<string, string>, values: number[]) => {
    const s = plain(store.resolve(instance, 'req_total', labels));
    values.forEach((v, i) => store.append(s, (i + 1) * 10_000, v));
  };
  add('a', { code: '200', wl: 'w' }, [0, 20, 40, 60, 80, 100, 120]);
  add('b', { code: '200', wl: 'w' }, [0, 30, 60, 90, 120, 150, 180]);
  add('a', { code: '500', wl: 'w' }, [50, 60, 70, 5, 15, 25, 35]);
  add('a', { code: '200', wl: 'other' }, [0, 0, 0, 0, 0, 0, 0]);

  it('sums rates by the group-by labels', () => {
    const rows = sumRates(store, { name: 'req_total', filter: (l) => l.wl === 'w', groupBy: ['code'], startMs: 10_000, endMs: 70_000, keepZero: false });
    const byCode = Object.fromEntries(rows.map((r) => [r.labels.code, r.value]));
    expect(byCode['200']).toBeCloseTo(5, 9);
    // 60→70, reset, 0→35: 45 over 50s of samples, extrapolated to the 60s window
    expect(byCode['500']).toBeCloseTo(0.9, 9);
    expect(rows.every((r) => Object.keys(r.labels).join() === 'code')).toBe(true);
  });

  it('drops zero-rate groups unless asked to keep them', () => {
    const q = { name: 'req_total', filter: (l: Record<string, string>) => l.wl === 'other', groupBy: ['wl'], startMs: 10_000, endMs: 70_000 };
    expect(sumRates(store, { ...q, keepZero: false })).toEqual([]);
    expect(sumRates(store, { ...q, keepZero: true })).toEqual([{ labels: { wl: 'other' }, value: 0 }]);
  });

  it('evaluates a range of steps', () => {
    const steps = sumRatesRange(store, { name: 'req_total', filter: (l) => l.code === '200' && l.wl === 'w', groupBy: [], startMs: 40_000, endMs: 70_000, stepMs: 10_000, windowMs: 30_000 });
    expect(steps.map((s) => s.t)).toEqual([40_000, 50_000, 60_000, 70_000]);
    for (const s of steps) expect(s.rows[0]?.value).toBeCloseTo(5, 9);
  });
});

describe('histograms', () => {
  it('stores the buckets of one histogram together, wherever le sits, and sums their rates by group', () => {
    const store = new TimeSeriesStore();
    const les = ['1', '5', '+Inf'];
    for (const [instance, perSec] of [['a', [1, 3, 4]], ['b', [0, 2, 2]]] as const) {
      const refs = les.map((le) => store.resolve(instance, 'd_bucket', { le, wl: 'w', code: '200' }));
      for (let k = 0; k <= 6; k++) refs.forEach((r, i) => store.append(r as StoreRef, k * 10_000, (perSec[i] as number) * k * 10));
    }
    expect(store.seriesCount).toBe(6);
    const rows = sumHistogramRates(store, { name: 'd_bucket', filter: () => true, groupBy: ['wl'], startMs: 0, endMs: 60_000 });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.labels).toEqual({ wl: 'w' });
    expect(rows[0]?.les).toEqual([1, 5, Infinity]);
    expect(Array.from(rows[0]?.rates ?? [], (v) => Math.round(v * 1e9) / 1e9)).toEqual([1, 5, 6]);
    const steps = histogramRatesRange(store, { name: 'd_bucket', filter: (l) => l.code === '200', startMs: 30_000, endMs: 60_000, stepMs: 30_000, windowMs: 30_000 });
    expect(steps.map((s) => s.rows.find((r) => r.labels.le === '+Inf')?.value)).toEqual([6, 6].map((v) => expect.closeTo(v, 9)));
  });

  it('tolerates a bucket missing from one scrape', () => {
    const store = new TimeSeriesStore();
    const one = store.resolve('a', 'd_bucket', { le: '1' }) as StoreRef;
    const inf = store.resolve('a', 'd_bucket', { le: '+Inf' }) as StoreRef;
    for (let k = 0; k <= 4; k++) {
      if (k !== 2) store.append(one, k * 1000, k);
      store.append(inf, k * 1000, 2 * k);
    }
    const [row] = sumHistogramRates(store, { name: 'd_bucket', filter: () => true, groupBy: [], startMs: 0, endMs: 4000 });
    expect(Array.from(row?.rates ?? [], (v) => Math.round(v * 1e9) / 1e9)).toEqual([1, 2]);
  });
});

describe('one-pass increases agree with the reference extrapolation', () => {
  it('for plain series and histogram columns, with resets, gaps and wrapped rings', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 50; trial++) {
      const store = new TimeSeriesStore({ maxSamplesPerSeries: 16 });
      const s = plain(store.resolve('i', 'c', { t: String(trial) }));
      const b1 = store.resolve('i', 'h_bucket', { t: String(trial), le: '1' }) as StoreRef;
      const b2 = store.resolve('i', 'h_bucket', { t: String(trial), le: '+Inf' }) as StoreRef;
      let v = rand() * 100;
      let t = 0;
      for (let k = 0; k < 30; k++) {
        t += 500 + Math.floor(rand() * 1500);
        v = rand() < 0.1 ? rand() * 10 : v + rand() * 20;
        store.append(s, t, v);
        if (rand() > 0.2) store.append(b1, t, v / 2);
        store.append(b2, t, v);
      }
      const start = t - 10_000 - Math.floor(rand() * 5000);
      const w = s.window(start, t);
      const ref = extrapolatedIncrease({ ts: Array.from(w.ts).slice(0, w.to), vs: Array.from(w.vs).slice(0, w.to), from: 0, to: w.to }, start, t);
      const got = s.increase(start, t);
      if (ref === undefined) expect(got).toBeNaN();
      else expect(got).toBeCloseTo(ref, 9);
      const hist = (b2 as { hist: HistogramSeries }).hist;
      const out = new Float64Array(2);
      hist.increases(start, t, out);
      const range = hist.rows(start, t);
      for (let c = 0; c < 2; c++) {
        const cw = hist.columnWindow(c, range[0], range[1]);
        const want = extrapolatedIncrease({ ts: Array.from(cw.ts).slice(0, cw.to), vs: Array.from(cw.vs).slice(0, cw.to), from: 0, to: cw.to }, start, t);
        if (want === undefined) expect(out[c]).toBeNaN();
        else expect(out[c]).toBeCloseTo(want, 9);
      }
    }
  });
});

describe('filter keys', () => {
  it('remember each series answer per key, and a new key tests again', () => {
    const store = new TimeSeriesStore();
    for (const ns of ['a', 'b']) {
      const s = plain(store.resolve('i', 'c', { ns }));
      for (let k = 0; k <= 6; k++) store.append(s, k * 10_000, k * 10);
      const h = store.resolve('i', 'h_bucket', { ns, le: '+Inf' }) as StoreRef;
      for (let k = 0; k <= 6; k++) store.append(h, k * 10_000, k * 10);
    }
    let calls = 0;
    const only = (ns: string) => (l: Record<string, string>) => (calls++, l.ns === ns);
    const q = (ns: string) => ({ name: 'c', filter: only(ns), filterKey: `ns=${ns}`, groupBy: ['ns'], startMs: 0, endMs: 60_000, keepZero: false });
    expect(sumRates(store, q('a')).map((r) => r.labels.ns)).toEqual(['a']);
    expect(calls).toBe(2);
    expect(sumRates(store, q('a')).map((r) => r.labels.ns)).toEqual(['a']);
    expect(calls).toBe(2);
    expect(sumRates(store, q('b')).map((r) => r.labels.ns)).toEqual(['b']);
    expect(calls).toBe(4);
    const hq = { ...q('b'), name: 'h_bucket' };
    expect(sumHistogramRates(store, hq).map((r) => r.labels.ns)).toEqual(['b']);
    expect(sumHistogramRates(store, hq).map((r) => r.labels.ns)).toEqual(['b']);
    expect(calls).toBe(6);
    expect(sumRates(store, { ...q('b'), filterKey: undefined }).map((r) => r.labels.ns)).toEqual(['b']);
    expect(calls).toBe(8);
  });
});
