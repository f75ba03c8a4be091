import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { us } from '../../../lib/time/duration';
import type { Span, SpanKind } from '../../../lib/traces/model';
import { TraceFullError, TraceStore } from './trace-store';

let dir: string;
let store: TraceStore;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'traces-hard-'));
  store = new TraceStore(dir, { maxSpansPerTrace: 5 });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const T = (i: number) => i.toString(16).padStart(32, '0');
function span(p: Partial<Span> & { traceId: string }): Span {
  n++;
  return { spanId: n.toString(16).padStart(16, '0'), name: 'GET /', kind: 'server', service: 'reviews.bookinfo', startUs: us(1_000_000), durationUs: us(10), tags: {}, logs: [], processTags: {}, error: false, ...p };
}

describe('spans per trace', () => {
  it('refuses spans past the cap, counts across requests, and keeps other traces', async () => {
    expect((await store.append([1, 2, 3].map(() => span({ traceId: T(1) })))).traceFull).toEqual([]);
    const r = await store.append([span({ traceId: T(1) }), span({ traceId: T(2) }), span({ traceId: T(1) }), span({ traceId: T(1) })]);
    expect(r.traceFull).toEqual([3]);
    expect(store.getTrace(T(1))).toHaveLength(5);
    expect(store.getTrace(T(2))).toHaveLength(1);
  });

  it('refuses all or nothing when atomic', async () => {
    await store.append([1, 2, 3, 4, 5].map(() => span({ traceId: T(3) })));
    await expect(store.append([span({ traceId: T(4) }), span({ traceId: T(3) })], { atomic: true })).rejects.toBeInstanceOf(TraceFullError);
    expect(store.getTrace(T(4))).toEqual([]);
    // The refused request reserved nothing: the other trace still takes five.
    expect((await store.append([1, 2, 3, 4, 5].map(() => span({ traceId: T(4) })), { atomic: true })).traceFull).toEqual([]);
  });

  it('counts a trace already in the file (after a restart) and reads at most the cap', async () => {
    store.insertNow([1, 2, 3, 4, 5, 6, 7].map(() => span({ traceId: T(5) })));
    store.close();
    store = new TraceStore(dir, { maxSpansPerTrace: 5 });
    expect(store.getTrace(T(5))).toHaveLength(5);
    expect((await store.append([span({ traceId: T(5) })])).traceFull).toEqual([0]);
  });
});

describe('group commit isolation', () => {
  it('a span that fails the SQLite bind fails only its own request', async () => {
    const bad = span({ traceId: T(7), kind: {} as unknown as SpanKind });
    const results = await Promise.allSettled([store.append([span({ traceId: T(6) })]), store.append([bad]), store.append([span({ traceId: T(8), service: 'other.ns' })])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(store.getTrace(T(6))).toHaveLength(1);
    expect(store.getTrace(T(7))).toEqual([]);
    expect(store.getTrace(T(8))[0]?.service).toBe('other.ns');
  });
});

describe('size retention', () => {
  it('evicts the first ingested spans, not the earliest dated', () => {
    store.close();
    store = new TraceStore(dir, { maxBytes: 2 * 1024 * 1024 });
    const big = 'x'.repeat(2000);
    // Future-dated spans first, current ones after: by date the current ones are "oldest".
    const future = Array.from({ length: 2000 }, (_, i) => span({ traceId: T(10_000 + i), startUs: us(4_102_444_800_000_000 + i), tags: { big } }));
    const current = Array.from({ length: 400 }, (_, i) => span({ traceId: T(20_000 + i), startUs: us(1_700_000_000_000_000 + i), tags: { big } }));
    store.insertNow(future);
    store.insertNow(current);
    expect(store.enforceRetention(1_700_000_000_000)).toBeGreaterThan(0);
    expect(store.sizeBytes()).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(store.getTrace(T(10_000))).toEqual([]);
    expect(store.getTrace(T(20_000 + 399))).toHaveLength(1);
    expect(store.getTrace(T(20_000))).toHaveLength(1);
  });
});
