import { describe, expect, it } from 'vitest';
import { DEFAULT_SPAN_LIMITS } from './model';
import { fromZipkin } from './zipkin';

// As Envoy's Zipkin tracer writes it (JSON v2, Istio tags).
const envoySpan = {
  traceId: '463ac35c9f6413ad',
  parentId: '463ac35c9f6413ad',
  id: 'a2fb4a1d1a96d312',
  kind: 'CLIENT',
  name: 'reviews.bookinfo.svc.cluster.local:9080/*',
  timestamp: 1700000000123456,
  duration: 4210,
  localEndpoint: { serviceName: 'productpage.bookinfo', ipv4: '10.1.0.7' },
  remoteEndpoint: { ipv4: '10.1.0.9', port: 9080 },
  annotations: [{ timestamp: 1700000000124000, value: 'cs' }],
  tags: {
    'http.method': 'GET',
    'http.status_code': '200',
    'istio.canonical_service': 'productpage',
    'istio.namespace': 'bookinfo',
    upstream_cluster: 'outbound|9080|v2|reviews.bookinfo.svc.cluster.local',
    response_flags: '-',
    node_id: 'sidecar~10.1.0.7~productpage-v1-1.bookinfo~bookinfo.svc.cluster.local',
  },
};

describe('fromZipkin', () => {
  it('maps an Envoy span', () => {
    const { spans, rejected } = fromZipkin([envoySpan]);
    expect(rejected).toEqual([]);
    expect(spans).toHaveLength(1);
    const s = spans[0]!;
    expect(s.traceId).toBe('0000000000000000463ac35c9f6413ad');
    expect(s.parentSpanId).toBe('463ac35c9f6413ad');
    expect(s).toMatchObject({ kind: 'client', service: 'productpage.bookinfo', startUs: 1700000000123456, durationUs: 4210, error: false });
    expect(s.tags['istio.canonical_service']).toBe('productpage');
    expect(s.tags['peer.ipv4']).toBe('10.1.0.9');
    expect(s.tags['span.kind']).toBe('client');
    expect(s.processTags.ip).toBe('10.1.0.7');
    expect(s.logs).toEqual([{ timeUs: 1700000000124000, fields: { event: 'cs' } }]);
  });

  it('reads string timestamps and the error tag', () => {
    const { spans } = fromZipkin([{ ...envoySpan, timestamp: '1700000000123456', duration: '5', tags: { error: 'true' } }]);
    expect(spans[0]).toMatchObject({ startUs: 1700000000123456, durationUs: 5, error: true });
  });

  it.each([
    ['not an object', 42, 'wrong_type'],
    ['missing traceId', { ...envoySpan, traceId: undefined }, 'missing_field'],
    ['bad id', { ...envoySpan, id: 'zz' }, 'invalid_id'],
    ['too long id', { ...envoySpan, id: '1'.repeat(17) }, 'invalid_id'],
    ['no timestamp and no annotations', { ...envoySpan, timestamp: undefined, annotations: [] }, 'missing_field'],
    ['zero trace id', { ...envoySpan, traceId: '0000000000000000' }, 'invalid_id'],
    ['numeric trace id', { ...envoySpan, traceId: 12 }, 'wrong_type'],
    ['negative timestamp', { ...envoySpan, timestamp: -1 }, 'invalid_time'],
    ['tags array', { ...envoySpan, tags: ['a'] }, 'wrong_type'],
    ['object tag value', { ...envoySpan, tags: { a: { b: 1 } } }, 'wrong_type'],
  ])('rejects %s, keeps the rest', (_name, bad, reason) => {
    const { spans, rejected } = fromZipkin([envoySpan, bad]);
    expect(spans).toHaveLength(1);
    expect(rejected).toEqual([expect.objectContaining({ index: 1, reason })]);
  });

  it('left-pads short ids and dates a span from its annotations, as Zipkin does', () => {
    const { spans, rejected } = fromZipkin([{ ...envoySpan, traceId: 'abc', id: '7', parentId: '1f', timestamp: undefined }]);
    expect(rejected).toEqual([]);
    expect(spans[0]).toMatchObject({ traceId: '0000000000000000' + '0000000000000abc', spanId: '0000000000000007', parentSpanId: '000000000000001f', startUs: 1700000000124000 });
  });

  it('throws on a body that is not an array', () => {
    expect(() => fromZipkin({ spans: [] })).toThrow(TypeError);
  });

  it('truncates huge tag values and caps the tag count with warnings', () => {
    const tags: Record<string, string> = { big: 'x'.repeat(100_000) };
    for (let i = 0; i < 300; i++) tags[`k${i}`] = 'v';
    const { spans } = fromZipkin([{ ...envoySpan, tags }]);
    const s = spans[0]!;
    expect((s.tags.big as string).length).toBe(DEFAULT_SPAN_LIMITS.maxTagValueChars);
    expect(Object.keys(s.tags).length).toBeLessThanOrEqual(DEFAULT_SPAN_LIMITS.maxTagsPerSpan);
    expect(s.warnings?.join('\n')).toMatch(/truncated from 100000/);
    expect(s.warnings?.join('\n')).toMatch(/tags dropped/);
  });
});

describe('hostile tag names', () => {
  it('keeps __proto__ and constructor as ordinary tags', () => {
    const tags = JSON.parse('{"__proto__":"x","constructor":"y","ok":"z"}') as Record<string, string>;
    const big: Record<string, unknown> = JSON.parse('{"__proto__":"x","constructor":"y","n":{"a":1}}') as Record<string, unknown>;
    const { spans } = fromZipkin([{ traceId: '463ac35c9f6413ad', id: '463ac35c9f6413ad', timestamp: 1, tags }]);
    expect(Object.keys(spans[0]!.tags)).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'ok']));
    expect(JSON.stringify(spans[0]!.tags)).toContain('"__proto__":"x"');
    expect(fromZipkin([{ traceId: '463ac35c9f6413ad', id: '463ac35c9f6413ad', timestamp: 1, tags: big }]).rejected).toHaveLength(1);
  });
});
