import { describe, expect, it } from 'vitest';
import { fromOtlp, nanosToMicros } from './otlp';

const span = {
  traceId: '5b8efff798038103d269b633813fc60c',
  spanId: 'eee19b7ec3c1b174',
  parentSpanId: 'eee19b7ec3c1b173',
  name: 'GET /reviews/0',
  kind: 2,
  startTimeUnixNano: '1700000000123456789',
  endTimeUnixNano: '1700000000125456789',
  attributes: [
    { key: 'http.status_code', value: { intValue: '503' } },
    { key: 'ratio', value: { doubleValue: 0.5 } },
    { key: 'ok', value: { boolValue: false } },
    { key: 'list', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: 2 }] } } },
  ],
  events: [{ timeUnixNano: '1700000000124000000', name: 'retry', attributes: [{ key: 'attempt', value: { intValue: 1 } }] }],
  status: { code: 2, message: 'upstream reset' },
  traceState: 'vendor=1',
  links: [{ traceId: '1'.repeat(32), spanId: '2'.repeat(16) }, { traceId: 'bad', spanId: '2'.repeat(16) }],
};
const body = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'reviews.bookinfo' } }] },
      scopeSpans: [{ scope: { name: 'meshlens-demo', version: '1' }, spans: [span] }],
    },
  ],
};

describe('nanosToMicros', () => {
  it.each([
    ['1700000000123456789', 1700000000123456],
    [1700000000123, 1700000000],
    [{ low: 0x2d4c6f15, high: 0x1797a52b, unsigned: true }, Math.floor(Number(BigInt(0x1797a52b) * 4294967296n + BigInt(0x2d4c6f15)) / 1000)],
    ['abc', undefined],
    [-5, undefined],
  ])('%j -> %s', (input, want) => {
    const got = nanosToMicros(input);
    if (typeof input === 'object') {
      const exact = (BigInt(0x1797a52b) * 4294967296n + BigInt(0x2d4c6f15)) / 1000n;
      expect(got).toBe(Number(exact));
    } else expect(got).toBe(want);
  });
});

describe('fromOtlp', () => {
  it('maps the JSON encoding', () => {
    const { spans, rejected } = fromOtlp(body);
    expect(rejected).toEqual([]);
    const s = spans[0]!;
    expect(s).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'eee19b7ec3c1b173',
      kind: 'server',
      service: 'reviews.bookinfo',
      startUs: 1700000000123456,
      durationUs: 2000,
      error: true,
    });
    expect(s.tags).toMatchObject({ 'http.status_code': 503, ratio: 0.5, ok: false, list: '["a",2]', 'otel.status_description': 'upstream reset', 'otel.scope.name': 'meshlens-demo' });
    expect(s.logs).toEqual([{ timeUs: 1700000000124000, fields: { event: 'retry', attempt: 1 } }]);
    expect(s.links).toEqual([{ traceId: '1'.repeat(32), spanId: '2'.repeat(16) }]);
    expect(s.tags['w3c.tracestate']).toBe('vendor=1');
    expect(s.processTags['service.name']).toBe('reviews.bookinfo');
  });

  it('maps protobuf-shaped values (bytes ids, Long times)', () => {
    const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
    const long = (s: string) => {
      const b = BigInt(s);
      return { low: Number(b & 0xffffffffn) | 0, high: Number(b >> 32n) | 0, unsigned: true };
    };
    const proto = {
      resourceSpans: [{ scopeSpans: [{ spans: [{ ...span, traceId: hex(span.traceId), spanId: hex(span.spanId), parentSpanId: new Uint8Array(0), startTimeUnixNano: long(span.startTimeUnixNano), endTimeUnixNano: long(span.endTimeUnixNano) }] }] }],
    };
    const { spans } = fromOtlp(proto);
    expect(spans[0]).toMatchObject({ traceId: span.traceId, spanId: span.spanId, startUs: 1700000000123456, durationUs: 2000, service: 'unknown_service' });
    expect(spans[0]!.parentSpanId).toBeUndefined();
  });

  it.each([
    ['short trace id', { ...span, traceId: 'abcd' }, 'invalid_id'],
    ['zero span id', { ...span, spanId: '0000000000000000' }, 'invalid_id'],
    ['bad parent', { ...span, parentSpanId: 'xyz' }, 'invalid_id'],
    ['no start', { ...span, startTimeUnixNano: undefined }, 'invalid_time'],
    ['float start', { ...span, startTimeUnixNano: 'x1' }, 'invalid_time'],
    ['string attributes', { ...span, attributes: 'a=b' }, 'wrong_type'],
    ['bad intValue', { ...span, attributes: [{ key: 'a', value: { intValue: 'x' } }] }, 'wrong_type'],
    ['numeric name', { ...span, name: 5 }, 'wrong_type'],
  ])('rejects %s as partial success', (_name, bad, reason) => {
    const { spans, rejected } = fromOtlp({ resourceSpans: [{ scopeSpans: [{ spans: [span, bad] }] }] });
    expect(spans).toHaveLength(1);
    expect(rejected).toEqual([expect.objectContaining({ index: 1, reason })]);
  });

  it.each([['array', []], ['string', 'x'], ['resourceSpans object', { resourceSpans: {} }], ['spans string', { resourceSpans: [{ scopeSpans: [{ spans: 'x' }] }] }]])(
    'throws on a malformed request: %s',
    (_name, bad) => expect(() => fromOtlp(bad)).toThrow(TypeError),
  );

  it('accepts an empty request', () => expect(fromOtlp({})).toEqual({ spans: [], rejected: [] }));
});
