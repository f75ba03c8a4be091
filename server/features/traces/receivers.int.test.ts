import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import http from 'node:http';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tracesResponseSchema, type JaegerTrace } from '../../../lib/api/traces';
import { startTraces } from '../traces';
import { decodeOtlpResponse, encodeOtlpRequest } from './otlp-proto';
import { encodeZipkinProto } from './zipkin-proto';
import { serveRoutes, testCore, type RouteServer } from './testing/serve-routes';

let dir: string;
let server: RouteServer;
let stop: () => Promise<void>;
let registry: ReturnType<typeof testCore>['registry'];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'traces-recv-'));
  const core = testCore(dir);
  registry = core.registry;
  const handle = await startTraces(core, { limits: { maxWireBytes: 1024 * 1024, maxBodyBytes: 4 * 1024 * 1024, maxSpansPerRequest: 1000 } });
  server = await serveRoutes(handle.routes);
  stop = async () => {
    await server.close();
    await handle.stop?.();
  };
});
afterAll(async () => {
  await stop();
  rmSync(dir, { recursive: true, force: true });
});

async function getTrace(id: string): Promise<{ status: number; trace?: JaegerTrace; body: unknown }> {
  const res = await fetch(`${server.url}/api/traces/${id}`);
  const body = (await res.json()) as unknown;
  if (res.status !== 200) return { status: res.status, body };
  const parsed = tracesResponseSchema.parse(body);
  return { status: res.status, trace: parsed.data?.[0], body };
}

function tagsOf(t: JaegerTrace, op: string): Record<string, unknown> {
  const s = t.spans.find((x) => x.operationName === op);
  return Object.fromEntries((s?.tags ?? []).map((x) => [x.key, x.value]));
}

async function exportWith(exporter: SpanExporter, service: string): Promise<string> {
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': service, 'k8s.pod.name': 'p-1' }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('receiver-test', '1.0.0');
  const parent = tracer.startSpan('GET /checkout', { kind: SpanKind.SERVER, attributes: { 'http.status_code': 200, 'http.method': 'GET', ratio: 0.25, retried: true } });
  const child = tracer.startSpan('SELECT orders', { kind: SpanKind.CLIENT, attributes: { 'db.system': 'sqlite', tags: ['a', 'b'] } }, trace.setSpan(ROOT_CONTEXT, parent));
  child.addEvent('slow query', { 'rows.read': 12 });
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'deadlock' });
  child.end();
  parent.end();
  await provider.forceFlush();
  await provider.shutdown();
  return parent.spanContext().traceId;
}

describe('OTLP receiver with the OpenTelemetry SDK exporters', () => {
  it.each([
    ['protobuf', (url: string) => new OtlpProtoExporter({ url: `${url}/v1/traces` }), 'proto.shop'],
    ['protobuf gzip', (url: string) => new OtlpProtoExporter({ url: `${url}/v1/traces`, compression: 'gzip' as never }), 'protogz.shop'],
    ['JSON', (url: string) => new OtlpHttpJsonExporter({ url: `${url}/v1/traces` }), 'json.shop'],
    ['JSON gzip', (url: string) => new OtlpHttpJsonExporter({ url: `${url}/v1/traces`, compression: 'gzip' as never }), 'jsongz.shop'],
  ])('%s spans land intact', async (_name, make, service) => {
    const traceId = await exportWith(make(server.url), service);
    const { status, trace: t } = await getTrace(traceId);
    expect(status).toBe(200);
    expect(t!.traceID).toBe(traceId);
    expect(t!.spans).toHaveLength(2);
    const parent = t!.spans.find((s) => s.operationName === 'GET /checkout')!;
    const child = t!.spans.find((s) => s.operationName === 'SELECT orders')!;
    expect(child.references).toEqual([{ refType: 'CHILD_OF', traceID: traceId, spanID: parent.spanID }]);
    expect(t!.processes[parent.processID]!.serviceName).toBe(service);
    expect(tagsOf(t!, 'GET /checkout')).toMatchObject({ 'http.status_code': 200, ratio: 0.25, retried: true, 'span.kind': 'server' });
    expect(tagsOf(t!, 'SELECT orders')).toMatchObject({ 'db.system': 'sqlite', tags: '["a","b"]', error: true, 'otel.status_description': 'deadlock' });
    expect(child.logs?.[0]?.fields).toEqual(expect.arrayContaining([{ key: 'event', type: 'string', value: 'slow query' }, { key: 'rows.read', type: 'int64', value: 12 }]));
    expect(parent.startTime).toBeGreaterThan(1.6e15);
    expect(parent.duration).toBeGreaterThanOrEqual(child.duration);
  });
});

const envoyBatch = (traceId: string) => [
  {
    traceId,
    id: '1111111111111111',
    kind: 'SERVER',
    name: 'productpage.bookinfo.svc.cluster.local:9080/productpage',
    timestamp: 1_700_000_000_000_000,
    duration: 12_000,
    localEndpoint: { serviceName: 'productpage.bookinfo', ipv4: '10.0.0.5' },
    tags: { 'istio.canonical_service': 'productpage', 'istio.namespace': 'bookinfo', 'http.status_code': '200', response_flags: '-', node_id: 'sidecar~10.0.0.5~productpage-v1.bookinfo~bookinfo.svc.cluster.local', upstream_cluster: 'inbound|9080||' },
  },
  {
    traceId,
    parentId: '1111111111111111',
    id: '2222222222222222',
    kind: 'CLIENT',
    name: 'reviews.bookinfo.svc.cluster.local:9080/*',
    timestamp: 1_700_000_000_001_000,
    duration: 8_000,
    localEndpoint: { serviceName: 'productpage.bookinfo', ipv4: '10.0.0.5' },
    remoteEndpoint: { ipv4: '10.0.0.9', port: 9080 },
    tags: { 'istio.canonical_service': 'productpage', 'http.status_code': '200', upstream_cluster: 'outbound|9080|v2|reviews.bookinfo.svc.cluster.local' },
  },
];

/** The same spans in Zipkin's proto3 field types (bytes ids and addresses, enum kinds). */
const protoShape = (batch: ReturnType<typeof envoyBatch>) =>
  batch.map((s) => ({
    ...s,
    traceId: Buffer.from(s.traceId, 'hex'),
    id: Buffer.from(s.id, 'hex'),
    ...('parentId' in s ? { parentId: Buffer.from(s.parentId as string, 'hex') } : {}),
    kind: s.kind === 'SERVER' ? 2 : 1,
    localEndpoint: { serviceName: s.localEndpoint.serviceName, ipv4: Buffer.from([10, 0, 0, 5]) },
    remoteEndpoint: undefined,
  }));

const post = (p: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${p}`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { 'content-type': 'application/json', ...headers } });

describe('Zipkin receiver and the B3/W3C join', () => {
  it('accepts Envoy Zipkin JSON with 202 and serves it by 64-bit and 128-bit id', async () => {
    const res = await post('/api/v2/spans', JSON.stringify(envoyBatch('a1b2c3d4e5f60718')));
    expect(res.status).toBe(202);
    for (const id of ['a1b2c3d4e5f60718', '0000000000000000a1b2c3d4e5f60718']) {
      const { status, trace: t } = await getTrace(id);
      expect(status).toBe(200);
      expect(t!.traceID).toBe('0000000000000000a1b2c3d4e5f60718');
      expect(t!.spans).toHaveLength(2);
      expect(tagsOf(t!, 'productpage.bookinfo.svc.cluster.local:9080/productpage')['istio.canonical_service']).toBe('productpage');
    }
  });

  it('accepts gzip and chunked bodies', async () => {
    const gz = await post('/api/v2/spans', gzipSync(JSON.stringify(envoyBatch('b1b2c3d4e5f60718'))), { 'content-encoding': 'gzip' });
    expect(gz.status).toBe(202);
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(`${server.url}/api/v2/spans`);
      const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const text = JSON.stringify(envoyBatch('c1b2c3d4e5f60718'));
      for (let i = 0; i < text.length; i += 50) req.write(text.slice(i, i + 50));
      req.end();
    });
    expect(status).toBe(202);
    expect((await getTrace('b1b2c3d4e5f60718')).trace!.spans).toHaveLength(2);
    expect((await getTrace('c1b2c3d4e5f60718')).trace!.spans).toHaveLength(2);
  });

  it('accepts Zipkin proto3 (Envoy HTTP_PROTO) with the same result as JSON', async () => {
    const res = await post('/api/v2/spans', Buffer.from(encodeZipkinProto(protoShape(envoyBatch('abcdef0123456789')))), { 'content-type': 'application/x-protobuf' });
    expect(res.status).toBe(202);
    const t = (await getTrace('abcdef0123456789')).trace!;
    expect(t.spans).toHaveLength(2);
    const client = t.spans.find((s) => s.spanID === '2222222222222222')!;
    expect(client.references![0]!.spanID).toBe('1111111111111111');
    expect(client.startTime).toBe(1_700_000_000_001_000);
    expect(client.duration).toBe(8_000);
    expect(t.processes[client.processID]).toEqual({ serviceName: 'productpage.bookinfo', tags: [{ key: 'ip', type: 'string', value: '10.0.0.5' }] });
    expect(tagsOf(t, 'reviews.bookinfo.svc.cluster.local:9080/*')).toMatchObject({ upstream_cluster: 'outbound|9080|v2|reviews.bookinfo.svc.cluster.local', 'span.kind': 'client' });
  });

  it('splits client and server spans that share one id (Envoy shared_span_context)', async () => {
    const [root, client] = envoyBatch('5ba5ed0123456789');
    const server = { ...client!, kind: 'SERVER', name: 'reviews.bookinfo.svc.cluster.local:9080/*', localEndpoint: { serviceName: 'reviews.bookinfo' }, shared: true };
    expect((await post('/api/v2/spans', JSON.stringify([root, client, server]))).status).toBe(202);
    const t = (await getTrace('5ba5ed0123456789')).trace!;
    expect(new Set(t.spans.map((s) => s.spanID)).size).toBe(3);
    const srv = t.spans.find((s) => t.processes[s.processID]!.serviceName === 'reviews.bookinfo')!;
    expect(srv.references![0]!.spanID).toBe('2222222222222222');
  });

  it('joins a B3 64-bit Zipkin span and a W3C OTLP span into one trace', async () => {
    await post('/api/v2/spans', JSON.stringify(envoyBatch('d1b2c3d4e5f60718')));
    const otlp = {
      resourceSpans: [{
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'reviews.bookinfo' } }] },
        scopeSpans: [{ spans: [{ traceId: '0000000000000000d1b2c3d4e5f60718', spanId: '3333333333333333', parentSpanId: '2222222222222222', name: 'GET /reviews', kind: 2, startTimeUnixNano: '1700000000002000000', endTimeUnixNano: '1700000000007000000' }] }],
      }],
    };
    expect((await post('/v1/traces', JSON.stringify(otlp))).status).toBe(200);
    const t = (await getTrace('d1b2c3d4e5f60718')).trace!;
    expect(t.spans).toHaveLength(3);
    expect(Object.values(t.processes).map((p) => p.serviceName).sort()).toEqual(['productpage.bookinfo', 'reviews.bookinfo']);
    expect(t.spans.find((s) => s.spanID === '3333333333333333')!.references![0]!.spanID).toBe('2222222222222222');
  });
});

describe('hostile input', () => {
  const goodOtlp = (traceId: string) => ({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId, spanId: '4444444444444444', name: 'ok', startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000001000000' }] }] }] });
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

  it.each([
    ['Zipkin bad JSON', '/api/v2/spans', '[{"traceId":', {}, 400],
    ['Zipkin object instead of array', '/api/v2/spans', '{"traceId":"a"}', {}, 400],
    ['Zipkin all spans invalid', '/api/v2/spans', '[{"traceId":"zz","id":"1"}]', {}, 400],
    ['OTLP bad JSON', '/v1/traces', '{"resourceSpans":[', {}, 400],
    ['OTLP wrong types', '/v1/traces', '{"resourceSpans":{"a":1}}', {}, 400],
    ['OTLP truncated protobuf', '/v1/traces', Buffer.from(encodeOtlpRequest(goodOtlp('5'.repeat(32)))).subarray(0, 20), { 'content-type': 'application/x-protobuf' }, 400],
    ['OTLP garbage protobuf', '/v1/traces', Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]), { 'content-type': 'application/x-protobuf' }, 400],
    ['OTLP unknown content type', '/v1/traces', 'x', { 'content-type': 'text/xml' }, 415],
    ['Zipkin truncated proto3', '/api/v2/spans', Buffer.from(encodeZipkinProto(protoShape(envoyBatch('e1b2c3d4e5f60718')))).subarray(0, 30), { 'content-type': 'application/x-protobuf' }, 400],
    ['Zipkin thrift', '/api/v2/spans', 'x', { 'content-type': 'application/x-thrift' }, 415],
    ['unknown encoding', '/v1/traces', 'x', { 'content-encoding': 'br' }, 415],
    ['corrupt gzip', '/v1/traces', Buffer.from('not gzip'), { 'content-encoding': 'gzip' }, 400],
    ['oversized body', '/v1/traces', Buffer.alloc(2 * 1024 * 1024, 0x20), {}, 413],
    ['gzip bomb', '/v1/traces', gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)), { 'content-encoding': 'gzip' }, 413],
    ['too many spans', '/api/v2/spans', JSON.stringify(Array.from({ length: 1001 }, () => envoyBatch('e1b2c3d4e5f60718')[0])), {}, 413],
  ])('%s: refused with an error body, store intact', async (_name, p, body, headers, status) => {
    const before = (await getTrace('a1b2c3d4e5f60718')).trace!.spans.length;
    const res = await post(p, body, headers as Record<string, string>);
    expect(res.status).toBe(status);
    expect((await errorOf(res)).message.length).toBeGreaterThan(5);
    expect((await getTrace('a1b2c3d4e5f60718')).trace!.spans.length).toBe(before);
    expect((await getTrace('e1b2c3d4e5f60718')).status).toBe(404);
  });

  it('reports partial success for OTLP JSON and protobuf', async () => {
    const mixed = goodOtlp('6'.repeat(32));
    const spans = mixed.resourceSpans[0]!.scopeSpans[0]!.spans as Record<string, unknown>[];
    spans.push({ ...spans[0], traceId: 'short' }, { ...spans[0], spanId: '5555555555555555', startTimeUnixNano: 'soon' });
    const json = await post('/v1/traces', JSON.stringify(mixed));
    expect(json.status).toBe(200);
    const body = (await json.json()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } };
    expect(body.partialSuccess.rejectedSpans).toBe('2');
    expect(body.partialSuccess.errorMessage).toMatch(/traceId/);
    const protoMixed = { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: Buffer.from('7'.repeat(32), 'hex'), spanId: Buffer.from('4'.repeat(16), 'hex'), name: 'ok', startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000000500000' }, { traceId: Buffer.from('abcd', 'hex'), spanId: Buffer.from('4'.repeat(16), 'hex'), startTimeUnixNano: 1 }] }] }] };
    const proto = await post('/v1/traces', Buffer.from(encodeOtlpRequest(protoMixed)), { 'content-type': 'application/x-protobuf' });
    expect(proto.status).toBe(200);
    expect(proto.headers.get('content-type')).toBe('application/x-protobuf');
    expect(decodeOtlpResponse(new Uint8Array(await proto.arrayBuffer()))).toMatchObject({ partialSuccess: { rejectedSpans: 1 } });
    expect((await getTrace('6'.repeat(32))).trace!.spans).toHaveLength(1);
  });

  it('truncates huge attributes and says so', async () => {
    const big = goodOtlp('8'.repeat(32));
    (big.resourceSpans[0]!.scopeSpans[0]!.spans[0] as Record<string, unknown>).attributes = [{ key: 'payload', value: { stringValue: 'x'.repeat(500_000) } }];
    expect((await post('/v1/traces', JSON.stringify(big))).status).toBe(200);
    const s = (await getTrace('8'.repeat(32))).trace!.spans[0]!;
    expect(String(s.tags!.find((t) => t.key === 'payload')!.value).length).toBe(4096);
    expect(s.warnings?.[0]).toMatch(/truncated/);
  });

  it('counts rejections by reason in metrics', async () => {
    const text = await registry.metrics();
    expect(text).toMatch(/meshlens_traces_spans_rejected_total\{protocol="otlp_json",reason="invalid_id"\} [1-9]/);
    expect(text).toMatch(/meshlens_traces_requests_refused_total\{protocol="otlp_json",reason="too_large"\} [1-9]/);
    expect(text).toMatch(/meshlens_traces_spans_received_total\{protocol="otlp_proto"\} [1-9]/);
  });
});

describe('query API', () => {
  it('lists services and operations and searches in the Jaeger shape', async () => {
    const services = (await (await fetch(`${server.url}/api/services`)).json()) as { data: string[] };
    expect(services.data).toEqual(expect.arrayContaining(['productpage.bookinfo', 'reviews.bookinfo', 'proto.shop']));
    const ops = (await (await fetch(`${server.url}/api/services/productpage.bookinfo/operations`)).json()) as { data: string[] };
    expect(ops.data).toContain('reviews.bookinfo.svc.cluster.local:9080/*');
    const q = new URLSearchParams({ service: 'productpage.bookinfo', start: '1699999999000000', end: '1700000001000000', tags: JSON.stringify({ 'http.status_code': '200' }), minDuration: '10ms', limit: '10' });
    const res = tracesResponseSchema.parse(await (await fetch(`${server.url}/api/traces?${q}`)).json());
    expect(res.data!.length).toBeGreaterThanOrEqual(3);
    expect(res.data!.every((t) => t.spans.some((s) => s.duration >= 10_000))).toBe(true);
  });

  it.each([
    ['/api/traces/nothex', 400],
    ['/api/traces/ffffffffffffffffffffffffffffffff', 404],
    ['/api/traces?minDuration=soon', 400],
    ['/api/traces?tags=%7Bbad', 400],
  ])('%s -> %i', async (p, status) => {
    const res = await fetch(server.url + p);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();
  });
});

describe('overload', () => {
  it('answers 429 with Retry-After when too many requests are in flight, 503 when the store is backed up', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'traces-overload-'));
    const busy = await startTraces(testCore(d), { limits: { maxConcurrentRequests: 0 } });
    const backed = await startTraces(testCore(path.join(d, 'b')), { store: { maxPendingSpans: 1 } });
    const s1 = await serveRoutes(busy.routes);
    const s2 = await serveRoutes(backed.routes);
    try {
      const r1 = await fetch(`${s1.url}/api/v2/spans`, { method: 'POST', body: JSON.stringify(envoyBatch('f1b2c3d4e5f60718')), headers: { 'content-type': 'application/json' } });
      expect(r1.status).toBe(429);
      expect(r1.headers.get('retry-after')).toBe('2');
      const r2 = await fetch(`${s2.url}/api/v2/spans`, { method: 'POST', body: JSON.stringify(envoyBatch('f1b2c3d4e5f60718')), headers: { 'content-type': 'application/json' } });
      expect(r2.status).toBe(503);
      expect(r2.headers.get('retry-after')).toBe('2');
    } finally {
      await s1.close();
      await s2.close();
      await busy.stop?.();
      await backed.stop?.();
      rmSync(d, { recursive: true, force: true });
    }
  });
});
