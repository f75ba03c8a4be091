import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { us } from '../../../lib/time/duration';
import { dependencyLinks } from '../../../lib/traces/dependencies';
import type { Span } from '../../../lib/traces/model';
import { tagNeedles } from './span-row';
import { TraceStore } from './trace-store';
import { StoreOverloadedError } from './write-queue';

let dir: string;
let store: TraceStore;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'traces-store-'));
  store = new TraceStore(dir);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function span(p: Partial<Span> & { traceId: string }): Span {
  n++;
  return {
    spanId: n.toString(16).padStart(16, '0'),
    name: 'GET /',
    kind: 'server',
    service: 'reviews.bookinfo',
    startUs: us(1_000_000),
    durationUs: us(1000),
    tags: {},
    logs: [],
    processTags: { ip: '10.0.0.1' },
    error: false,
    ...p,
  };
}
const T = (i: number) => i.toString(16).padStart(32, '0');

describe('TraceStore', () => {
  it('stores and returns spans intact', async () => {
    const s = span({ traceId: T(1), parentSpanId: 'ab'.repeat(8), tags: { 'http.status_code': 200, ok: true, s: 'x' }, logs: [{ timeUs: us(5), fields: { event: 'e' } }], warnings: ['w'], links: [{ traceId: T(9), spanId: 'cd'.repeat(8) }] });
    await store.append([s]);
    expect(store.getTrace(T(1))).toEqual([s]);
    expect(store.getTrace(T(2))).toEqual([]);
  });

  it('drops duplicates from client retries on read', async () => {
    const s = span({ traceId: T(1) });
    await store.append([s]);
    await store.append([s]);
    expect(store.getTrace(T(1))).toHaveLength(1);
  });

  it('group-commits concurrent appends and survives reopening', async () => {
    await Promise.all([1, 2, 3].map((i) => store.append([span({ traceId: T(i) })])));
    store.close();
    store = new TraceStore(dir);
    expect([1, 2, 3].map((i) => store.getTrace(T(i)).length)).toEqual([1, 1, 1]);
    expect(store.services()).toEqual(['reviews.bookinfo']);
  });

  it('refuses appends beyond the pending limit', async () => {
    store.close();
    store = new TraceStore(dir, { maxPendingSpans: 2 });
    const ok = store.append([span({ traceId: T(1) }), span({ traceId: T(1) })]);
    await expect(store.append([span({ traceId: T(2) })])).rejects.toBeInstanceOf(StoreOverloadedError);
    await ok;
    await store.append([span({ traceId: T(2) })]);
  });

  describe('search', () => {
    beforeEach(() => {
      store.insertNow([
        span({ traceId: T(1), service: 'a', name: 'op1', startUs: us(100), durationUs: us(10), tags: { 'http.status_code': '500', error: 'true' } }),
        span({ traceId: T(1), service: 'b', name: 'op2', startUs: us(110), durationUs: us(5) }),
        span({ traceId: T(2), service: 'a', name: 'op2', startUs: us(200), durationUs: us(50), tags: { 'http.status_code': 200 } }),
        span({ traceId: T(3), service: 'a', name: 'op1', startUs: us(300), durationUs: us(500), tags: { 'http.status_code': 503, error: true } }),
        span({ traceId: T(4), service: 'c', name: 'op1', startUs: us(5000), durationUs: us(1) }),
        span({ traceId: T(5), service: 'd', name: 'op1', startUs: us(400), durationUs: us(1), processTags: { hostname: 'node-7' }, logs: [{ timeUs: us(401), fields: { event: 'retry', attempt: 2 } }] }),
      ]);
    });
    const ids = (q: Partial<Parameters<TraceStore['search']>[0]>) =>
      store.search({ tags: {}, startUs: us(0), endUs: us(1000), limit: 20, ...q }).map((t) => Number.parseInt(t.traceId, 16));

    it.each([
      ['everything in the window, newest first', {}, [5, 3, 2, 1]],
      ['by process tag', { tags: { hostname: 'node-7' } }, [5]],
      ['by log field', { tags: { attempt: '2' } }, [5]],
      ['by service', { service: 'b' }, [1]],
      ['by operation', { service: 'a', operation: 'op1' }, [3, 1]],
      ['by min duration', { minDurationUs: us(40) }, [3, 2]],
      ['by max duration', { maxDurationUs: us(10) }, [5, 1]],
      ['by string-typed tag', { tags: { 'http.status_code': '500' } }, [1]],
      ['by number-typed tag', { tags: { 'http.status_code': '200' } }, [2]],
      ['error in either type', { tags: { error: 'true' } }, [3, 1]],
      ['all tags must match', { tags: { error: 'true', 'http.status_code': '503' } }, [3]],
      ['prefix values do not match', { tags: { 'http.status_code': '50' } }, []],
      ['limit', { limit: 1 }, [5]],
      ['window', { startUs: us(4000), endUs: us(6000) }, [4]],
    ])('%s', (_name, q, want) => expect(ids(q as Partial<Parameters<TraceStore['search']>[0]>)).toEqual(want));

    it('returns whole traces', () => {
      expect(store.search({ service: 'a', tags: {}, startUs: us(0), endUs: us(150), limit: 5 })[0]?.spans).toHaveLength(2);
    });

    it('lists services and operations', () => {
      expect(store.services()).toEqual(['a', 'b', 'c', 'd']);
      expect(store.operations('a')).toEqual(['op1', 'op2']);
    });
  });

  describe('windowTraces', () => {
    const id = (c: string) => c.repeat(16);
    // Same trace_key (low 52 bits), different trace ids: they must not be mixed into one trace.
    const a = T(1);
    const b = 'f' + T(1).slice(1);
    beforeEach(() => {
      store.insertNow([
        // Envoy's Zipkin shared ids: gateway -> a.ns -> b.ns, each server side under its client's id.
        span({ traceId: a, spanId: id('1'), kind: 'client', service: 'gateway.istio-system', startUs: us(100) }),
        span({ traceId: T(3), spanId: id('5'), kind: 'server', service: 'c.ns', startUs: us(1000) }),
        span({ traceId: b, spanId: id('3'), parentSpanId: id('1'), kind: 'server', service: 'x.ns', startUs: us(150) }),
        span({ traceId: a, spanId: id('1'), kind: 'server', service: 'a.ns', startUs: us(110) }),
        span({ traceId: a, spanId: id('2'), parentSpanId: id('1'), kind: 'client', service: 'a.ns', startUs: us(120) }),
        span({ traceId: a, spanId: id('2'), parentSpanId: id('1'), kind: 'server', service: 'b.ns', startUs: us(130) }),
        span({ traceId: T(2), spanId: id('4'), kind: 'server', service: 'early.ns', startUs: us(50) }),
        span({ traceId: T(4), spanId: id('6'), kind: 'server', service: 'late.ns', startUs: us(1001) }),
      ]);
    });

    it('streams the spans starting in (after, until], one trace after another, only the columns linking needs', () => {
      const traces = [...store.windowTraces(50, 1000)].map((t) => [...t].sort((x, y) => (x.spanId + x.kind).localeCompare(y.spanId + y.kind)));
      expect(traces).toEqual([
        [
          { traceId: a, spanId: id('1'), kind: 'client', service: 'gateway.istio-system' },
          { traceId: a, spanId: id('1'), kind: 'server', service: 'a.ns' },
          { traceId: a, spanId: id('2'), parentSpanId: id('1'), kind: 'client', service: 'a.ns' },
          { traceId: a, spanId: id('2'), parentSpanId: id('1'), kind: 'server', service: 'b.ns' },
        ],
        [{ traceId: b, spanId: id('3'), parentSpanId: id('1'), kind: 'server', service: 'x.ns' }],
        [{ traceId: T(3), spanId: id('5'), kind: 'server', service: 'c.ns' }],
      ]);
      expect([...store.windowTraces(2000, 3000)]).toEqual([]);
    });

    it('feeds dependencyLinks', () => {
      expect(dependencyLinks(store.windowTraces(0, 2000))).toEqual([
        { parent: 'a.ns', child: 'b.ns', callCount: 1 },
        { parent: 'gateway.istio-system', child: 'a.ns', callCount: 1 },
      ]);
    });
  });

  it('retains by age', () => {
    store.close();
    store = new TraceStore(dir, { maxAgeMs: 1000 });
    store.insertNow([span({ traceId: T(1), startUs: us(1_000_000), service: 'old' }), span({ traceId: T(2), startUs: us(10_000_000) })]);
    expect(store.enforceRetention(10_500)).toBe(1);
    expect(store.getTrace(T(1))).toEqual([]);
    expect(store.getTrace(T(2))).toHaveLength(1);
    expect(store.services()).toEqual(['reviews.bookinfo']);
  });

  it('retains by size, oldest first', () => {
    store.close();
    store = new TraceStore(dir, { maxBytes: 2 * 1024 * 1024 });
    const big = 'x'.repeat(2000);
    const spans: Span[] = [];
    for (let i = 0; i < 3000; i++) spans.push(span({ traceId: T(i + 1), startUs: us(1_000_000 + i), tags: { big } }));
    store.insertNow(spans);
    expect(store.sizeBytes()).toBeGreaterThan(2 * 1024 * 1024);
    const deleted = store.enforceRetention(2_000);
    expect(deleted).toBeGreaterThan(0);
    expect(store.sizeBytes()).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(store.getTrace(T(1))).toEqual([]);
    expect(store.getTrace(T(3000))).toHaveLength(1);
  });
});

describe('tagNeedles', () => {
  it.each([
    ['k', 'v', ['"k":"v"']],
    ['k', '500', ['"k":"500"', '"k":500,', '"k":500}']],
    ['k', '1.5', ['"k":"1.5"', '"k":1.5,', '"k":1.5}']],
    ['k', '007', ['"k":"007"']],
    ['k', 'true', ['"k":"true"', '"k":true,', '"k":true}']],
    ['q"k', 'a"b', ['"q\\"k":"a\\"b"']],
  ])('%s=%s', (k, v, want) => expect(tagNeedles(k, v)).toEqual(want));
});
