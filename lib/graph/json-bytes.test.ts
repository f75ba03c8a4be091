import { describe, expect, it } from 'vitest';
import { JsonBytes } from './json-bytes';

const text = (w: JsonBytes) => new TextDecoder().decode(w.bytes());
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('JsonBytes writes what JSON.stringify writes', () => {
  it.each([
    ['plain ASCII', 'svc:Kubernetes:ns-1:reviews-v1'],
    ['empty', ''],
    ['quote and backslash', 'a"b\\c'],
    ['control characters', 'tab\there\nnew\u0000nul\u001f'],
    ['DEL and non-ASCII', '\u007fcafé ünïcödé'],
    ['astral plane', 'emoji 🙂 here'],
    ['lone surrogates', 'bad \ud800 and \udfff end'],
    ['line separators', '\u2028\u2029'],
  ])('strings: %s', (_name, s) => {
    const w = new JsonBytes(4).string(s);
    expect(w.bytes()).toEqual(utf8(JSON.stringify(s)));
  });

  it.each([0, -0, 1, -1, 42, 123456789012345, 1e15, 2 ** 53, 1e21, 0.1, 12.345, -7.25, 1e-7, 5e-324, Number.MAX_VALUE, NaN, Infinity, -Infinity])(
    'numbers: %s',
    (v) => {
      expect(text(new JsonBytes(2).number(v))).toBe(JSON.stringify(v));
    },
  );

  it('rounded(v, d) writes Math.round(v * 10^d) / 10^d exactly as JSON does', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const values = [0, -0, 0.0004, 0.05, 0.95, 1.005, 2.675, 99.95, 100, 1234.5678, -0.04, -12.349, 1e13 + 0.5, 1e14, 3e14, 1e16, 1e22, NaN, Infinity, -Infinity];
    for (let i = 0; i < 20000; i++) values.push((random() - 0.2) * 10 ** Math.floor(random() * 12 - 3));
    for (const d of [0, 1, 2, 3] as const) {
      const scale = 10 ** d;
      for (const v of values) expect(text(new JsonBytes(1).rounded(v, d)), `${v} to ${d}`).toBe(JSON.stringify(Math.round(v * scale) / scale));
    }
  });

  it('grows past its first buffer', () => {
    const w = new JsonBytes(8);
    const long = 'x'.repeat(10_000);
    w.raw('[').string(long).raw(',').value({ a: [1, 'é'], b: null }).raw(']');
    const first = w.bytes();
    expect(new TextDecoder().decode(first)).toBe(JSON.stringify([long, { a: [1, 'é'], b: null }]));
    expect(w.length).toBe(first.length);
  });
});
