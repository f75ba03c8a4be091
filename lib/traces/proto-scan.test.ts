import { describe, expect, it } from 'vitest';
import { scanProtoBody } from './proto-scan';

const bounds = { maxSpansPerRequest: 100, maxValuesPerRequest: 10_000, maxDepth: 16 };

/** Encodes a varint. */
function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const field = (num: number, body: number[]) => [...varint(num * 8 + 2), ...varint(body.length), ...body];
const bytes = (...parts: number[][]) => new Uint8Array(parts.flat());

describe('scanProtoBody', () => {
  it('counts OTLP spans and messages', () => {
    const span = field(2, [...field(1, Array(16).fill(1)), 0x30, 0x02, ...field(9, [...field(1, [0x61]), ...field(2, field(1, [0x62]))])]);
    const body = bytes(field(1, [...field(2, [...span, ...span])]));
    // resourceSpans, scopeSpans, 2 spans, each with a KeyValue and its AnyValue.
    expect(scanProtoBody(body, 'otlp', bounds)).toEqual({ ok: true, spans: 2, values: 8 });
  });

  it('refuses more spans than the limit before decoding any', () => {
    const spans = Array.from({ length: 101 }, () => field(2, [])).flat();
    expect(scanProtoBody(bytes(field(1, field(2, spans))), 'otlp', bounds)).toMatchObject({ ok: false, tooLarge: true, message: expect.stringMatching(/more than 100 spans/) });
  });

  it('counts a message field sent with a varint wire type as protobufjs reads it (as a length)', () => {
    // Field 1 of the request with wire type 0: protobufjs still reads a length and a ResourceSpans.
    const inner = field(2, Array.from({ length: 101 }, () => field(2, [])).flat());
    const body = bytes([0x08, ...varint(inner.length), ...inner]);
    expect(scanProtoBody(body, 'otlp', bounds)).toMatchObject({ ok: false, tooLarge: true });
  });

  it.each([
    ['truncated', bytes(field(1, field(2, [])).slice(0, 3))],
    ['a length past its parent', bytes([0x0a, 0x02, 0x12, 0x05, 0, 0, 0, 0, 0])],
    ['a group', bytes([0x0b, 0x0c])],
    ['a 7-byte 32-bit varint', bytes(field(1, field(2, field(2, [0x30, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]))))],
  ])('refuses %s as malformed', (_name, body) => {
    expect(scanProtoBody(body, 'otlp', bounds)).toMatchObject({ ok: false, tooLarge: false });
  });

  it('refuses AnyValue nesting past the depth limit', () => {
    let v: number[] = field(1, [0x61]);
    for (let i = 0; i < 20; i++) v = field(5, field(1, v));
    const body = bytes(field(1, field(2, field(2, field(9, field(2, v))))));
    expect(scanProtoBody(body, 'otlp', bounds)).toMatchObject({ ok: false, tooLarge: false, message: expect.stringMatching(/deeper/) });
  });

  it('counts Zipkin spans and tag entries', () => {
    const span = field(1, [...field(11, [...field(1, [0x61]), ...field(2, [0x62])]), ...field(8, field(1, [0x73]))]);
    expect(scanProtoBody(bytes(span, span), 'zipkin', bounds)).toEqual({ ok: true, spans: 2, values: 6 });
  });
});
