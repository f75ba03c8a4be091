import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tracesResponseSchema, type JaegerTrace } from '../../../lib/api/traces';
import { startTraces } from '../../features/traces';
import { serveRoutes, testCore, type RouteServer } from '../../features/traces/testing/serve-routes';
import { createDemoTracer } from './index';
import { FORWARDED_TRACE_HEADERS, type HeaderMap, type TracedWorkload } from './types';

let dir: string;
let server: RouteServer;
let stopFeature: () => Promise<void>;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'demo-tracer-'));
  const handle = await startTraces(testCore(dir));
  server = await serveRoutes(handle.routes);
  stopFeature = async () => {
    await server.close();
    await handle.stop?.();
  };
});
afterAll(async () => {
  await stopFeature();
  rmSync(dir, { recursive: true, force: true });
});

const wl = (name: string, app: string, tracing: 'zipkin' | 'otlp', namespace = 'bookinfo', sidecar = true): TracedWorkload => ({ name, app, namespace, version: 'v1', tracing, sidecar });
const gateway = wl('istio-ingressgateway', 'istio-ingressgateway', 'zipkin', 'istio-system');
const productpage = wl('productpage-v1', 'productpage', 'otlp');
const reviews = wl('reviews-v1', 'reviews', 'zipkin');
const ratings = wl('ratings-v2', 'ratings', 'otlp');
const ok = (upstreamCluster: string) => ({ statusCode: 200, responseFlags: '-', upstreamCluster, peerAddress: '127.0.0.1:9080' });
/** What Bookinfo's apps do: copy the trace headers from the inbound request to each outbound call. */
const forward = (h: HeaderMap): HeaderMap => Object.fromEntries(FORWARDED_TRACE_HEADERS.filter((k) => h[k] !== undefined).map((k) => [k, h[k] as string]));

async function fetchTrace(id: string): Promise<JaegerTrace | undefined> {
  const res = await fetch(`${server.url}/api/traces/${id}`);
  if (res.status !== 200) return undefined;
  return tracesResponseSchema.parse(await res.json()).data?.[0];
}

describe('demo tracer', () => {
  it('reports one trace across B3/Zipkin and W3C/OTLP workloads', async () => {
    const tracer = createDemoTracer({ baseUrl: server.url, log: pino({ level: 'silent' }) });
    const req = (host: string) => ({ method: 'GET', host, path: '/', protocol: 'http' as const });
    const gwIn = tracer.startServer(gateway, {}, req('bookinfo.example.com'));
    const gwOut = tracer.startClient(gateway, forward(gwIn.headers), req('productpage:9080'));
    const ppIn = tracer.startServer(productpage, gwOut.headers, req('productpage:9080'));
    const ppOut = tracer.startClient(productpage, forward(ppIn.headers), req('reviews:9080'));
    const rvIn = tracer.startServer(reviews, ppOut.headers, req('reviews:9080'));
    const rvOut = tracer.startClient(reviews, forward(rvIn.headers), req('ratings:9080'));
    const raIn = tracer.startServer(ratings, rvOut.headers, req('ratings:9080'));

    const traceId64 = gwIn.headers['x-b3-traceid']!;
    expect(traceId64).toMatch(/^[0-9a-f]{16}$/);
    // The OTLP workload continues the B3 64-bit trace as a padded 128-bit W3C trace, and sends both formats on.
    expect(ppOut.headers.traceparent).toMatch(new RegExp(`^00-0{16}${traceId64}-[0-9a-f]{16}-01$`));
    expect(ppOut.headers['x-b3-traceid']).toBe(traceId64);
    expect(ppOut.headers['x-b3-parentspanid']).toBe(ppIn.headers['x-b3-spanid']);

    for (const [span, cluster] of [[raIn, 'inbound|9080||'], [rvOut, 'outbound|9080||ratings.bookinfo.svc.cluster.local'], [rvIn, 'inbound|9080||'], [ppOut, 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local'], [ppIn, 'inbound|9080||'], [gwOut, 'outbound|9080||productpage.bookinfo.svc.cluster.local'], [gwIn, 'inbound|8080||']] as const) {
      span.end(ok(cluster));
    }
    await tracer.stop();

    let t: JaegerTrace | undefined;
    for (let i = 0; i < 50 && (t?.spans.length ?? 0) < 7; i++) {
      t = await fetchTrace(traceId64);
      if ((t?.spans.length ?? 0) < 7) await new Promise((r) => setTimeout(r, 100));
    }
    expect(t!.traceID).toBe(`${'0'.repeat(16)}${traceId64}`);
    expect(t!.spans).toHaveLength(7);
    const services = Object.values(t!.processes).map((p) => p.serviceName).sort();
    expect(new Set(services)).toEqual(new Set(['istio-ingressgateway.istio-system', 'productpage.bookinfo', 'reviews.bookinfo', 'ratings.bookinfo']));
    // Every span but the root hangs off the previous hop: one connected tree.
    const ids = new Set(t!.spans.map((s) => s.spanID));
    const roots = t!.spans.filter((s) => !s.references?.length || !ids.has(s.references[0]!.spanID));
    expect(roots).toHaveLength(1);
    const rv = t!.spans.find((s) => t!.processes[s.processID]!.serviceName === 'reviews.bookinfo' && s.tags!.some((x) => x.key === 'span.kind' && x.value === 'server'))!;
    const tags = Object.fromEntries(rv.tags!.map((x) => [x.key, x.value]));
    expect(tags).toMatchObject({ 'istio.canonical_service': 'reviews', 'istio.namespace': 'bookinfo', 'http.status_code': '200', response_flags: '-', upstream_cluster: 'inbound|9080||' });
    expect(String(tags.node_id)).toMatch(/^sidecar~/);
    const pp = t!.spans.find((s) => t!.processes[s.processID]!.serviceName === 'productpage.bookinfo')!;
    expect(pp.tags!.find((x) => x.key === 'http.status_code')!.value).toBe(200);
  });

  it('passes headers through untouched when unsampled or without a sidecar', async () => {
    const tracer = createDemoTracer({ baseUrl: server.url, log: pino({ level: 'silent' }) });
    const r = { method: 'GET', host: 'x:1', path: '/', protocol: 'http' as const };
    expect(tracer.startServer(reviews, { b3: '0', 'x-request-id': 'r' }, r).headers).toEqual({ b3: '0', 'x-request-id': 'r' });
    expect(tracer.startServer(productpage, { traceparent: `00-${'1'.repeat(32)}-${'2'.repeat(16)}-00` }, r).headers.traceparent).toMatch(/-00$/);
    expect(tracer.startClient(wl('lb', 'lb', 'zipkin', 'bookinfo', false), { a: 'b' }, r).headers).toEqual({ a: 'b' });
    await tracer.stop();
  });
});
