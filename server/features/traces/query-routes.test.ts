import { describe, expect, it } from 'vitest';
import { us } from '../../../lib/time/duration';
import type { Span } from '../../../lib/traces/model';
import type { ApiRequest, ApiResponse, Route } from '../../http/router';
import { HttpError } from '../../http/errors';
import { MemoryTraceSource } from '../../sources/traces/memory-source';
import { queryRoutes } from './query-routes';

const NOW_MS = 1_700_000_000_000;
const span = (traceId: string, spanId: string, p: Partial<Span> = {}): Span => ({
  traceId, spanId, name: 'GET /', kind: 'server', service: 'a.ns', startUs: us(NOW_MS * 1000 - 1_000_000), durationUs: us(5000), tags: {}, logs: [], processTags: {}, error: false, ...p,
});
const source = new MemoryTraceSource();
source.add(span('1'.repeat(32), '1'.repeat(16)), span('1'.repeat(32), '2'.repeat(16), { parentSpanId: '1'.repeat(16), service: 'b.ns', name: 'db' }), span('0'.repeat(16) + '2'.repeat(16), '3'.repeat(16), { durationUs: us(50_000) }));
const routes = queryRoutes(source, () => NOW_MS);

async function call(path: string, from: Route[] = routes): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(path, 'http://x');
  for (const r of from) {
    const pattern = r.path.split('/').filter(Boolean);
    const parts = url.pathname.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (!pattern.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = decodeURIComponent(parts[i]!)), true) : p === parts[i]))) continue;
    try {
      const res = (await r.handler({ url, params } as unknown as ApiRequest)) as Exclude<ApiResponse, { raw: true }>;
      return { status: res.status ?? 200, body: res.body as Record<string, unknown> };
    } catch (err) {
      if (err instanceof HttpError) return { status: err.status, body: { error: { code: err.code, message: err.message } } };
      throw err;
    }
  }
  throw new Error(`no route for ${path}`);
}

describe('query routes over the memory source', () => {
  it.each([
    ['/api/services', 200, { data: ['a.ns', 'b.ns'], total: 2, limit: 0, offset: 0, errors: null }],
    ['/api/services/b.ns/operations', 200, { data: ['db'], total: 1, limit: 0, offset: 0, errors: null }],
  ])('%s', async (p, status, body) => expect(await call(p)).toEqual({ status, body }));

  it('searches in the Jaeger envelope', async () => {
    const r = await call('/api/traces?service=a.ns&minDuration=10ms');
    expect(r.status).toBe(200);
    expect((r.body.data as { traceID: string }[]).map((t) => t.traceID)).toEqual(['0'.repeat(16) + '2'.repeat(16)]);
  });

  it('gets several traces by traceID, 64-bit ids padded', async () => {
    const r = await call(`/api/traces?traceID=${'2'.repeat(16)}&traceID=${'1'.repeat(32)}&traceID=${'9'.repeat(32)}`);
    expect((r.body.data as { spans: unknown[] }[]).map((t) => t.spans.length)).toEqual([1, 2]);
  });

  it.each([
    ['/api/traces/xyz', 400],
    ['/api/traces/' + '9'.repeat(32), 404],
    ['/api/traces?limit=0', 400],
    ['/api/traces?traceID=nope', 400],
    ['/api/traces?lookback=yesterday', 400],
  ])('%s -> %i', async (p, status) => {
    const r = await call(p);
    expect(r.status).toBe(status);
    expect((r.body.error as { message: string }).message).toBeTruthy();
  });
});

describe('GET /api/dependencies', () => {
  const DAY_MS = 86_400_000;
  const links = (...l: [string, string, number][]) => ({ data: l.map(([parent, child, callCount]) => ({ parent, child, callCount })), total: l.length, limit: 0, offset: 0, errors: null });

  it('counts calls between services in the window, in the Jaeger envelope', async () => {
    expect(await call(`/api/dependencies?endTs=${NOW_MS}&lookback=3600000`)).toEqual({ status: 200, body: links(['a.ns', 'b.ns', 1]) });
  });

  it('takes spans starting after endTs - lookback, up to and including endTs', async () => {
    // Both spans of the linked trace start at NOW_MS - 1000 ms.
    expect((await call(`/api/dependencies?endTs=${NOW_MS - 1000}&lookback=1`)).body).toEqual(links(['a.ns', 'b.ns', 1]));
    expect((await call(`/api/dependencies?endTs=${NOW_MS}&lookback=1000`)).body).toEqual(links());
  });

  it('defaults to the day before now', async () => {
    const deps = new MemoryTraceSource();
    const call2 = (traceId: string, startMs: number, parent: string, child: string) => [
      span(traceId, 'a'.repeat(16), { service: parent, kind: 'client', startUs: us(startMs * 1000) }),
      span(traceId, 'b'.repeat(16), { service: child, parentSpanId: 'a'.repeat(16), startUs: us(startMs * 1000 + 10) }),
    ];
    deps.add(...call2('1'.repeat(32), NOW_MS - 1000, 'a.ns', 'b.ns'), ...call2('2'.repeat(32), NOW_MS - 1.5 * DAY_MS, 'a.ns', 'c.ns'), ...call2('3'.repeat(32), NOW_MS + 1000, 'a.ns', 'd.ns'));
    const r = queryRoutes(deps, () => NOW_MS);
    expect(await call('/api/dependencies', r)).toEqual({ status: 200, body: links(['a.ns', 'b.ns', 1]) });
    expect((await call('/api/dependencies?endTs=&lookback=', r)).body).toEqual(links(['a.ns', 'b.ns', 1]));
    expect((await call(`/api/dependencies?endTs=${NOW_MS - DAY_MS}`, r)).body).toEqual(links(['a.ns', 'c.ns', 1]));
    expect((await call(`/api/dependencies?lookback=${3 * DAY_MS}`, r)).body).toEqual(links(['a.ns', 'b.ns', 1], ['a.ns', 'c.ns', 1]));
    expect((await call(`/api/dependencies?endTs=${NOW_MS + DAY_MS}&lookback=${30 * DAY_MS}`, r)).body).toEqual(links(['a.ns', 'b.ns', 1], ['a.ns', 'c.ns', 1], ['a.ns', 'd.ns', 1]));
  });

  it.each([
    ['endTs=abc', /endTs: expected milliseconds since the epoch/],
    ['endTs=1.5', /endTs/],
    ['endTs=-1', /endTs/],
    ['endTs=99999999999999', /endTs: at most/],
    ['lookback=-1000', /lookback: expected milliseconds as a non-negative integer/],
    ['lookback=1h', /lookback/],
    [`lookback=${30 * 86_400_000 + 1}`, /lookback: at most 30 days/],
  ])('?%s -> 400', async (q, message) => {
    const r = await call(`/api/dependencies?${q}`);
    expect(r.status).toBe(400);
    expect((r.body.error as { message: string }).message).toMatch(message);
  });
});
