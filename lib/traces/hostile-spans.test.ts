import { describe, expect, it } from 'vitest';
import { DEFAULT_SPAN_LIMITS } from './model';
import { fromOtlp } from './otlp';
import { fromZipkin } from './zipkin';

const NOW_US = 1_700_000_000_000_000;
const window = { minUs: 946_684_800_000_000, maxUs: NOW_US + 3_600_000_000 };
const zipkin = (p: Record<string, unknown>) => ({ traceId: '463ac35c9f6413ad', id: 'a2fb4a1d1a96d312', name: 'op', timestamp: NOW_US, duration: 10, localEndpoint: { serviceName: 'a.ns' }, ...p });
const otlp = (p: Record<string, unknown>, service = 'b.ns') => ({
  resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ spans: [{ traceId: '5'.repeat(32), spanId: '4'.repeat(16), name: 'op', startTimeUnixNano: `${NOW_US}000`, endTimeUnixNano: `${NOW_US + 10}000`, ...p }] }] }],
});

describe('span kinds map through an allow-list', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('Zipkin kind %s is a plain string kind', (kind) => {
    const { spans } = fromZipkin([zipkin({ kind })], DEFAULT_SPAN_LIMITS, window);
    expect(spans[0]!.kind).toBe('unspecified');
    expect(typeof spans[0]!.kind).toBe('string');
  });
  it.each(['constructor', '__proto__', 'toString', -1, 1.5, 99])('OTLP kind %s is a plain string kind', (kind) => {
    const { spans } = fromOtlp(otlp({ kind }), DEFAULT_SPAN_LIMITS, window);
    expect(spans[0]!.kind).toBe('unspecified');
  });
});

describe('times outside the window are refused per span', () => {
  it.each([
    ['1e308', { timestamp: 1e308 }],
    ['year 2100', { timestamp: 4_102_444_800_000_000 }],
    ['two hours ahead', { timestamp: NOW_US + 7_200_000_000 }],
    ['ends two hours ahead', { duration: 7_200_000_000 }],
    ['1999', { timestamp: 915_148_800_000_000 }],
    ['a duration of 1e308', { duration: 1e308 }],
  ])('Zipkin %s', (_name, p) => {
    const { spans, rejected } = fromZipkin([zipkin(p), zipkin({ id: 'b2fb4a1d1a96d312' })], DEFAULT_SPAN_LIMITS, window);
    expect(spans.map((s) => s.spanId)).toEqual(['b2fb4a1d1a96d312']);
    expect(rejected).toMatchObject([{ index: 0, reason: 'invalid_time' }]);
    expect(rejected[0]!.message).toMatch(/before|future|microseconds|duration/);
  });
  it.each([
    ['1e308 ns', { startTimeUnixNano: 1e308, endTimeUnixNano: 1e308 }],
    ['year 2100', { startTimeUnixNano: '4102444800000000000', endTimeUnixNano: '4102444800000001000' }],
    ['1970', { startTimeUnixNano: '1000', endTimeUnixNano: '2000' }],
  ])('OTLP %s', (_name, p) => {
    const { spans, rejected } = fromOtlp(otlp(p), DEFAULT_SPAN_LIMITS, window);
    expect(spans).toEqual([]);
    expect(rejected).toMatchObject([{ reason: 'invalid_time' }]);
  });
  it('keeps a span an hour minus a second ahead', () => {
    expect(fromZipkin([zipkin({ timestamp: NOW_US + 3_599_000_000 })], DEFAULT_SPAN_LIMITS, window).spans).toHaveLength(1);
  });
});

describe('names', () => {
  it('replaces NUL and other control characters in service and operation names, with a warning', () => {
    const z = fromZipkin([zipkin({ name: 'a\u0000b', localEndpoint: { serviceName: 'svc\u0000.ns\u0007' } })], DEFAULT_SPAN_LIMITS, window).spans[0]!;
    expect(z.service).toBe('svc\ufffd.ns\ufffd');
    expect(z.name).toBe('a\ufffdb');
    expect(z.warnings?.join(' ')).toMatch(/control characters/);
    const o = fromOtlp(otlp({}, 'x\u0000y'), DEFAULT_SPAN_LIMITS, window).spans[0]!;
    expect(o.service).toBe('x\ufffdy');
  });
});
