import { describe, expect, it } from 'vitest';
import { scanJsonBody } from './json-scan';

const bounds = { maxSpansPerRequest: 100, maxValuesPerRequest: 10_000, maxDepth: 16 };
const enc = (s: string) => new TextEncoder().encode(s);
const scan = (s: string, layout: 'zipkin' | 'otlp' = 'zipkin', b = bounds) => scanJsonBody(enc(s), layout, b);

describe('scanJsonBody', () => {
  it('counts values and Zipkin spans exactly', () => {
    const body = JSON.stringify([{ traceId: 'a', id: 'b', tags: { 'q"k': 'v\\', n: '1' }, timestamp: 1.5e15, shared: true }, { x: [1, null, false] }]);
    expect(scan(body)).toEqual({ ok: true, spans: 2, values: 14 });
  });

  it('counts OTLP spans only under resourceSpans[].scopeSpans[].spans[]', () => {
    const span = { traceId: 'a', attributes: [{ key: 'spans', value: { arrayValue: { values: [{ intValue: 1 }] } } }] };
    const body = JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans: [span, span] }, { spans: [span] }] }], spans: [1, 2, 3] });
    const r = scan(body, 'otlp');
    expect(r).toMatchObject({ ok: true, spans: 3 });
  });

  it('sees a key spelled with escapes as JSON.parse does', () => {
    const body = '{"resourceSpans":[{"scopeSpans":[{"spa\\u006es":[' + Array(101).fill('{}').join(',') + ']}]}]}';
    expect(JSON.parse(body).resourceSpans[0].scopeSpans[0].spans).toHaveLength(101);
    expect(scan(body, 'otlp')).toMatchObject({ ok: false, tooLarge: true, message: expect.stringMatching(/more than 100 spans/) });
  });

  it.each([
    ['too many spans', '[' + Array(101).fill('{}').join(',') + ']', true, /more than 100 spans/],
    ['too many values', '[[' + Array(10_001).fill('0').join(',') + ']]', true, /more than 10000 JSON values/],
    ['too deep', '['.repeat(17) + ']'.repeat(17), false, /deeper than 16/],
    ['too many resourceSpans', '{"resourceSpans":[' + Array(101).fill('{}').join(',') + ']}', true, /resourceSpans/],
    ['unterminated string', '["abc', false, /unterminated/],
  ])('refuses %s', (_name, body, tooLarge, message) => {
    const r = scan(body, body.startsWith('{') ? 'otlp' : 'zipkin');
    expect(r).toMatchObject({ ok: false, tooLarge });
    expect(!r.ok && r.message).toMatch(message);
  });

  it('handles escaped quotes and backslash runs inside strings', () => {
    expect(scan('["a\\"b", "c\\\\", "d\\\\\\"e"]')).toEqual({ ok: true, spans: 3, values: 4 });
  });

  it('stops early: 10M {} are refused after the first bytes past the limit', () => {
    const big = new Uint8Array(30_000_002);
    big[0] = 0x5b;
    for (let i = 1; i < big.length - 1; i += 3) {
      big[i] = 0x7b;
      big[i + 1] = 0x7d;
      big[i + 2] = 0x2c;
    }
    big[big.length - 1] = 0x5d;
    const t = performance.now();
    expect(scanJsonBody(big, 'zipkin', { maxSpansPerRequest: 20_000, maxValuesPerRequest: 2_000_000, maxDepth: 64 })).toMatchObject({ ok: false, tooLarge: true });
    expect(performance.now() - t).toBeLessThan(500);
  });
});
