import { describe, expect, it } from 'vitest';
import { tracesResponseSchema } from '../api/traces';
import { fromJaegerTrace, toJaegerTrace } from './jaeger';
import { fromZipkin } from './zipkin';

describe('Jaeger shape', () => {
  const { spans } = fromZipkin([
    { traceId: '463ac35c9f6413ad', id: '463ac35c9f6413ad', kind: 'SERVER', name: 'root', timestamp: 10, duration: 100, localEndpoint: { serviceName: 'a.ns', ipv4: '1.2.3.4' }, tags: { 'http.status_code': '200' } },
    { traceId: '463ac35c9f6413ad', parentId: '463ac35c9f6413ad', id: 'a2fb4a1d1a96d312', kind: 'CLIENT', name: 'call', timestamp: 20, duration: 50, localEndpoint: { serviceName: 'a.ns', ipv4: '1.2.3.4' }, tags: { error: 'true' } },
    { traceId: '463ac35c9f6413ad', parentId: 'a2fb4a1d1a96d312', id: 'b2fb4a1d1a96d312', kind: 'SERVER', name: 'serve', timestamp: 25, duration: 40, localEndpoint: { serviceName: 'b.ns' } },
  ]);

  it('renders the contract shape with deduplicated processes', () => {
    const t = toJaegerTrace(spans[0]!.traceId, spans);
    expect(tracesResponseSchema.safeParse({ data: [t], total: 0, limit: 0, offset: 0, errors: null }).success).toBe(true);
    expect(Object.keys(t.processes)).toEqual(['p1', 'p2']);
    expect(t.processes.p1).toEqual({ serviceName: 'a.ns', tags: [{ key: 'ip', type: 'string', value: '1.2.3.4' }] });
    const call = t.spans.find((s) => s.operationName === 'call')!;
    expect(call.references).toEqual([{ refType: 'CHILD_OF', traceID: t.traceID, spanID: '463ac35c9f6413ad' }]);
    expect(call.startTime).toBe(20);
    expect(call.tags).toContainEqual({ key: 'error', type: 'string', value: 'true' });
  });

  it('round-trips through fromJaegerTrace', () => {
    const back = fromJaegerTrace(toJaegerTrace(spans[0]!.traceId, spans));
    const strip = (s: (typeof spans)[number]) => ({ ...s });
    expect(back.map(strip).sort((a, b) => a.startUs - b.startUs)).toEqual(spans.map(strip));
  });
});

describe('links', () => {
  it('render as FOLLOWS_FROM references and read back', () => {
    const { spans } = fromZipkin([{ traceId: '463ac35c9f6413ad', id: '463ac35c9f6413ad', name: 'x', timestamp: 10, localEndpoint: { serviceName: 'a' } }]);
    const linked = { ...spans[0]!, parentSpanId: '1'.repeat(16), links: [{ traceId: '2'.repeat(32), spanId: '3'.repeat(16) }] };
    const t = toJaegerTrace(linked.traceId, [linked]);
    expect(t.spans[0]!.references).toEqual([
      { refType: 'CHILD_OF', traceID: linked.traceId, spanID: '1'.repeat(16) },
      { refType: 'FOLLOWS_FROM', traceID: '2'.repeat(32), spanID: '3'.repeat(16) },
    ]);
    expect(fromJaegerTrace(t)[0]).toEqual(linked);
  });
});
