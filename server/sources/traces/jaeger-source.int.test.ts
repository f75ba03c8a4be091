import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependenciesResponseSchema, tracesResponseSchema } from '../../../lib/api/traces';
import { startTraces } from '../../features/traces';
import { serveRoutes, testCore, type RouteServer } from '../../features/traces/testing/serve-routes';

/*
 * The remote source against a real Jaeger query API: a Meshlens traces feature (which speaks that
 * API) plays the remote Jaeger, and a second one configured with jaegerUrl reads from it.
 */

let dir: string;
let upstream: RouteServer;
let front: RouteServer;
let broken: http.Server;
let brokenUrl: string;
const stops: (() => Promise<void>)[] = [];

const NOW_MS = 1_700_000_100_000;
const spans = [
  { traceId: '463ac35c9f6413ad', id: '463ac35c9f6413ad', kind: 'SERVER', name: 'GET /productpage', timestamp: 1_700_000_000_000_000, duration: 30_000, localEndpoint: { serviceName: 'productpage.bookinfo' }, tags: { 'http.status_code': '200' } },
  { traceId: '463ac35c9f6413ad', parentId: '463ac35c9f6413ad', id: 'a2fb4a1d1a96d312', kind: 'CLIENT', name: 'GET /reviews', timestamp: 1_700_000_000_001_000, duration: 20_000, localEndpoint: { serviceName: 'productpage.bookinfo' }, tags: { 'http.status_code': '503', error: 'true' } },
  // Later, outside the search window: Envoy's Zipkin shared ids, productpage -> reviews -> ratings.
  { traceId: 'b7ad6b7169203331', id: 'b7ad6b7169203331', kind: 'SERVER', name: 'GET /productpage', timestamp: 1_700_000_050_000_000, duration: 30_000, localEndpoint: { serviceName: 'productpage.bookinfo' } },
  { traceId: 'b7ad6b7169203331', parentId: 'b7ad6b7169203331', id: '0000000000000b01', kind: 'CLIENT', name: 'GET /reviews', timestamp: 1_700_000_050_001_000, duration: 20_000, localEndpoint: { serviceName: 'productpage.bookinfo' } },
  { traceId: 'b7ad6b7169203331', parentId: 'b7ad6b7169203331', id: '0000000000000b01', kind: 'SERVER', name: 'GET /reviews', timestamp: 1_700_000_050_002_000, duration: 18_000, localEndpoint: { serviceName: 'reviews.bookinfo' }, shared: true },
  { traceId: 'b7ad6b7169203331', parentId: '0000000000000b01', id: '0000000000000b02', kind: 'CLIENT', name: 'GET /ratings', timestamp: 1_700_000_050_003_000, duration: 10_000, localEndpoint: { serviceName: 'reviews.bookinfo' } },
  { traceId: 'b7ad6b7169203331', parentId: '0000000000000b01', id: '0000000000000b02', kind: 'SERVER', name: 'GET /ratings', timestamp: 1_700_000_050_004_000, duration: 8_000, localEndpoint: { serviceName: 'ratings.bookinfo' }, shared: true },
];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'jaeger-src-'));
  const remote = await startTraces(testCore(path.join(dir, 'remote'), {}, () => NOW_MS));
  upstream = await serveRoutes(remote.routes);
  const res = await fetch(`${upstream.url}/api/v2/spans`, { method: 'POST', body: JSON.stringify(spans), headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(202);
  const local = await startTraces(testCore(path.join(dir, 'local'), { jaegerUrl: upstream.url }, () => NOW_MS));
  front = await serveRoutes(local.routes);
  broken = http.createServer((req, res) => {
    if (req.url?.startsWith('/api/services')) res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": "not a list"}');
    else if (req.url?.startsWith('/api/dependencies')) res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": [{"parent": "a"}]}');
    else res.writeHead(500).end('boom');
  });
  await new Promise<void>((r) => broken.listen(0, '127.0.0.1', r));
  brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
  stops.push(upstream.close, front.close, async () => remote.stop?.(), async () => local.stop?.(), () => new Promise<void>((r) => broken.close(() => r())));
});
afterAll(async () => {
  for (const s of stops) await s();
  rmSync(dir, { recursive: true, force: true });
});

describe('Jaeger remote source', () => {
  it('reads services, operations, search and traces from the remote', async () => {
    expect(((await (await fetch(`${front.url}/api/services`)).json()) as { data: string[] }).data).toEqual(['productpage.bookinfo', 'ratings.bookinfo', 'reviews.bookinfo']);
    expect(((await (await fetch(`${front.url}/api/services/productpage.bookinfo/operations`)).json()) as { data: string[] }).data).toEqual(['GET /productpage', 'GET /reviews']);
    const q = new URLSearchParams({ service: 'productpage.bookinfo', tags: JSON.stringify({ error: 'true' }), minDuration: '15ms', lookback: '1h' });
    const found = tracesResponseSchema.parse(await (await fetch(`${front.url}/api/traces?${q}`)).json());
    expect(found.data).toHaveLength(1);
    const byId = await fetch(`${front.url}/api/traces/463ac35c9f6413ad`);
    const t = tracesResponseSchema.parse(await byId.json()).data![0]!;
    expect(t.traceID).toBe('0000000000000000463ac35c9f6413ad');
    expect(t.spans.map((s) => s.operationName).sort()).toEqual(['GET /productpage', 'GET /reviews']);
    const reviews = t.spans.find((s) => s.operationName === 'GET /reviews')!;
    expect(reviews.references![0]!.spanID).toBe('463ac35c9f6413ad');
    expect(reviews.tags).toContainEqual({ key: 'error', type: 'string', value: 'true' });
  });

  it('searches every service when none is given (Jaeger needs one)', async () => {
    const all = tracesResponseSchema.parse(await (await fetch(`${front.url}/api/traces?start=1699999999000000&end=1700000001000000`)).json());
    expect(all.data!.map((t) => t.traceID)).toEqual(['0000000000000000463ac35c9f6413ad']);
  });

  it('reads service dependencies from the remote, passing the window on', async () => {
    const deps = async (url: string, q = '') => {
      const res = await fetch(`${url}/api/dependencies${q}`);
      expect(res.status).toBe(200);
      return dependenciesResponseSchema.parse(await res.json());
    };
    const want = [
      { parent: 'productpage.bookinfo', child: 'reviews.bookinfo', callCount: 1 },
      { parent: 'reviews.bookinfo', child: 'ratings.bookinfo', callCount: 1 },
    ];
    // Both the remote (its embedded store) and the front (reading the remote) split the shared ids.
    expect((await deps(upstream.url)).data).toEqual(want);
    expect((await deps(front.url)).data).toEqual(want);
    expect((await deps(front.url, `?endTs=${NOW_MS}&lookback=3600000`)).data).toEqual(want);
    // Only the first trace (productpage calling itself) starts in this window.
    expect((await deps(front.url, '?endTs=1700000040000&lookback=3600000')).data).toEqual([]);
    expect((await fetch(`${front.url}/api/dependencies?lookback=-1`)).status).toBe(400);
  });

  it('passes not-found through as 404', async () => {
    expect((await fetch(`${front.url}/api/traces/ffffffffffffffff`)).status).toBe(404);
  });

  it('answers 502 with a message when the remote fails or breaks the shape', async () => {
    const bad = await startTraces(testCore(path.join(dir, 'bad'), { jaegerUrl: brokenUrl }));
    const down = await startTraces(testCore(path.join(dir, 'down'), { jaegerUrl: 'http://127.0.0.1:9' }));
    const s1 = await serveRoutes(bad.routes);
    const s2 = await serveRoutes(down.routes);
    try {
      for (const [url, p] of [[s1.url, '/api/services'], [s1.url, '/api/traces/463ac35c9f6413ad'], [s1.url, '/api/dependencies'], [s2.url, '/api/services'], [s2.url, '/api/dependencies']] as const) {
        const res = await fetch(url + p);
        expect(res.status).toBe(502);
        expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Jaeger at/);
      }
    } finally {
      await s1.close();
      await s2.close();
      await bad.stop?.();
      await down.stop?.();
    }
  });
});
