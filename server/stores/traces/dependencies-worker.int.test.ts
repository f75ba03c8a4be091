import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { us } from '../../../lib/time/duration';
import { dependencyLinks } from '../../../lib/traces/dependencies';
import type { Span } from '../../../lib/traces/model';
import { startTraces } from '../../features/traces';
import { serveRoutes, testCore } from '../../features/traces/testing/serve-routes';
import { HttpError } from '../../http/errors';
import { EmbeddedTraceSource } from '../../sources/traces/embedded-source';
import { DependenciesTimeoutError, DependenciesWorker } from './dependencies-worker';
import { TraceStore } from './trace-store';
import { StoreClosedError } from './write-queue';

/*
 * The dependencies worker thread under vitest: the thread loads its TypeScript through tsx on its own, reads
 * the store's file on a read-only connection, and answers exactly what the synchronous path computes.
 */

let dir: string;
let store: TraceStore;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'traces-deps-'));
  store = new TraceStore(dir);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const SERVICES = ['gateway.istio-system', 'productpage.bookinfo', 'reviews.bookinfo', 'ratings.bookinfo', 'details.bookinfo', 'cart.shop', 'checkout.shop'];

function span(p: Pick<Span, 'traceId' | 'spanId' | 'kind' | 'service' | 'startUs'> & Partial<Span>): Span {
  return { name: 'GET /', durationUs: us(1000), tags: {}, logs: [], processTags: {}, error: false, ...p };
}

/** A deterministic mix: parent/child calls across services, Envoy's shared client/server ids, retries (duplicates). */
function mixedSpans(traces: number, seed: number): Span[] {
  let x = seed;
  const rnd = (n: number) => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x % n;
  };
  const out: Span[] = [];
  for (let t = 0; t < traces; t++) {
    const traceId = hex(seed * 1_000_000 + t, 32);
    const startUs = 1_000_000 + t * 100;
    let id = 1;
    const root = span({ traceId, spanId: hex(id++, 16), kind: 'server', service: SERVICES[rnd(SERVICES.length)] as string, startUs: us(startUs) });
    out.push(root);
    const parents = [root];
    for (let i = 0, n = 1 + rnd(8); i < n; i++) {
      const parent = parents[rnd(parents.length)] as Span;
      const service = SERVICES[rnd(SERVICES.length)] as string;
      const at = us(startUs + i + 1);
      if (rnd(3) === 0) {
        // Zipkin shared ids: client and server sides under one span id.
        const shared = hex(id++, 16);
        out.push(span({ traceId, spanId: shared, parentSpanId: parent.spanId, kind: 'client', service: parent.service, startUs: at }));
        const server = span({ traceId, spanId: shared, parentSpanId: parent.spanId, kind: 'server', service, startUs: at });
        out.push(server);
        parents.push(server);
      } else {
        const child = span({ traceId, spanId: hex(id++, 16), parentSpanId: parent.spanId, kind: rnd(2) ? 'server' : 'client', service, startUs: at });
        out.push(child);
        parents.push(child);
        if (rnd(10) === 0) out.push(child); // a client retry
      }
    }
  }
  return out;
}

/** `count` spans in traces of ten (one root, nine children), services round-robin, one microsecond apart. */
function bulkSpans(count: number, baseUs: number): Span[] {
  const out: Span[] = [];
  for (let n = 0; n < count; n++) {
    const s = span({
      traceId: hex(0x5000000 + Math.floor(n / 10), 32),
      spanId: hex(n + 1, 16),
      kind: n % 2 ? 'client' : 'server',
      service: SERVICES[n % SERVICES.length] as string,
      startUs: us(baseUs + n),
    });
    if (n % 10) s.parentSpanId = hex(n - (n % 10) + 1, 16);
    out.push(s);
  }
  return out;
}

describe('TraceStore.dependencies (worker thread)', () => {
  it('answers what the synchronous computation answers, and sees spans committed after it started', async () => {
    store.insertNow(mixedSpans(3000, 7));
    const windows: [number, number][] = [
      [0, 1e15],
      [1_000_000, 1_150_000],
      [1_100_050, 1_200_000],
      [2e15, 3e15],
    ];
    for (const [a, b] of windows) {
      const sync = dependencyLinks(store.windowTraces(a, b));
      expect(await store.dependencies(a, b)).toEqual(sync);
    }
    expect((await store.dependencies(0, 1e15)).length).toBeGreaterThan(10);

    // Appended through the group commit while the thread is up: its read-only connection sees them (WAL).
    await store.append(mixedSpans(500, 11));
    const after = dependencyLinks(store.windowTraces(0, 1e15));
    expect(await store.dependencies(0, 1e15)).toEqual(after);

    // Concurrent calls, each with its own window, each get their own answer.
    const answers = await Promise.all(windows.map(([a, b]) => store.dependencies(a, b)));
    expect(answers).toEqual(windows.map(([a, b]) => dependencyLinks(store.windowTraces(a, b))));
  });

  it('leaves the event loop free while a large window is computed', async () => {
    const SPANS = 200_000;
    const spans = bulkSpans(SPANS, 1_000_000);
    for (let i = 0; i < SPANS; i += 50_000) store.insertNow(spans.slice(i, i + 50_000));
    const expected = dependencyLinks(store.windowTraces(0, 1e15));
    await store.dependencies(0, 1); // the thread is up, so what follows measures the computation alone

    // Ticks during the computation also read and write the store on the main thread. A synchronous
    // computation would return before any tick could fire; here ticks keep firing until the answer arrives.
    let ticks = 0;
    let appended = 0;
    const timer = setInterval(() => {
      ticks++;
      expect(store.getTrace(hex(0x5000000, 32))).toHaveLength(10);
      void store.append([span({ traceId: hex(0xfff00000 + ticks, 32), spanId: hex(1, 16), kind: 'server', service: 'late.ns', startUs: us(1) })]).then(() => appended++);
    }, 1);
    let ticksAtAnswer: number;
    try {
      const links = await store.dependencies(0, 1e15);
      ticksAtAnswer = ticks;
      expect(links).toEqual(expected);
    } finally {
      clearInterval(timer);
    }
    expect(ticksAtAnswer).toBeGreaterThanOrEqual(5);
    expect(appended).toBeGreaterThanOrEqual(1);
  });

  it('times out with a clear error, stops the stuck thread, and answers the next call from a fresh one', async () => {
    store.insertNow(mixedSpans(200, 3));
    const worker = new DependenciesWorker(store.file, 60_000);
    try {
      // 1 ms cannot cover even the thread's start-up: this call times out, and the call queued behind it moves on.
      const slow = worker.compute(0, 1e15, 1);
      const next = worker.compute(0, 1e15);
      await expect(slow).rejects.toBeInstanceOf(DependenciesTimeoutError);
      await expect(slow).rejects.toThrow(/took longer than 1 ms/);
      expect(await next).toEqual(dependencyLinks(store.windowTraces(0, 1e15)));
      expect(worker.running).toBe(true);
    } finally {
      await worker.close();
    }
    expect(worker.running).toBe(false);
  });

  it('close() rejects what is waiting, stops the thread, and refuses later calls', async () => {
    store.insertNow(mixedSpans(200, 5));
    const worker = new DependenciesWorker(store.file, 60_000);
    await worker.compute(0, 1e15);
    expect(worker.running).toBe(true);
    const inFlight = worker.compute(0, 1e15);
    const closed = worker.close();
    await expect(inFlight).rejects.toBeInstanceOf(StoreClosedError);
    await closed; // resolves only once the thread has exited
    expect(worker.running).toBe(false);
    await expect(worker.compute(0, 1)).rejects.toBeInstanceOf(StoreClosedError);

    // The store closes its own thread the same way; the closed promise resolves when the thread is gone.
    await store.dependencies(0, 1e15);
    const pending = expect(store.dependencies(0, 1e15)).rejects.toBeInstanceOf(StoreClosedError);
    await store.close();
    await pending;
    await expect(store.dependencies(0, 1)).rejects.toBeInstanceOf(StoreClosedError);
  });

  it('the embedded source maps a timeout to 504 and a closed store to 503', async () => {
    store.insertNow(mixedSpans(50, 9));
    await store.close();
    store = new TraceStore(dir, { dependenciesTimeoutMs: 1 });
    const source = new EmbeddedTraceSource(store);
    const timedOut = await source.dependencies(1e12, 1e12).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(HttpError);
    expect(timedOut).toMatchObject({ status: 504, code: 'gateway_timeout' });
    await store.close();
    const closed = await source.dependencies(1e12, 1e12).catch((e: unknown) => e);
    expect(closed).toMatchObject({ status: 503, code: 'unavailable' });
  });

  it('serves GET /api/dependencies from the worker over HTTP, spans ingested through the Zipkin receiver', async () => {
    const nowMs = 1_800_000_000_000;
    const traces = await startTraces(testCore(path.join(dir, 'feature'), {}, () => nowMs));
    const server = await serveRoutes(traces.routes);
    try {
      const ts = (nowMs - 60_000) * 1000;
      const zipkin = [
        { traceId: 'a1', id: '1', kind: 'SERVER', name: 'get /', timestamp: ts, duration: 100, localEndpoint: { serviceName: 'frontend.shop' } },
        { traceId: 'a1', id: '2', parentId: '1', kind: 'CLIENT', name: 'get /cart', timestamp: ts + 1, duration: 50, localEndpoint: { serviceName: 'frontend.shop' } },
        { traceId: 'a1', id: '2', parentId: '1', kind: 'SERVER', name: 'get /cart', timestamp: ts + 2, duration: 40, localEndpoint: { serviceName: 'cart.shop' } },
      ].map((s) => ({ ...s, traceId: s.traceId.padStart(16, '0'), id: s.id.padStart(16, '0'), ...(s.parentId ? { parentId: s.parentId.padStart(16, '0') } : {}) }));
      const posted = await fetch(`${server.url}/api/v2/spans`, { method: 'POST', body: JSON.stringify(zipkin), headers: { 'content-type': 'application/json' } });
      expect(posted.status).toBe(202);
      const res = await fetch(`${server.url}/api/dependencies`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { data: unknown }).data).toEqual([{ parent: 'frontend.shop', child: 'cart.shop', callCount: 1 }]);
    } finally {
      await server.close();
      await traces.stop?.();
    }
  });
});
