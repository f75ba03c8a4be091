/**
 * A JSON text writer into UTF-8 bytes, for answers too large to build as objects first (a 1,000-workload graph is
 * 4 MB): pieces go straight into one growing byte array, so writing costs no garbage but the result. The output
 * is byte for byte what `JSON.stringify` writes for the same values (see the tests).
 */
const encoder = new TextEncoder();
const SCALES = [1, 10, 100, 1000];

export class JsonBytes {
  private buf: Uint8Array;
  private len = 0;

  constructor(initialBytes = 1 << 16) {
    this.buf = new Uint8Array(initialBytes);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.len;
  }

  private ensure(extra: number): void {
    const need = this.len + extra;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** Writes JSON text as is; `s` must be ASCII (the writer's own punctuation and keys). */
  raw(s: string): this {
    const n = s.length;
    this.ensure(n);
    const buf = this.buf;
    let p = this.len;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.len = p;
    return this;
  }

  /** Writes a string literal, escaped as JSON.stringify escapes it. */
  string(s: string): this {
    const n = s.length;
    this.ensure(n + 2);
    const buf = this.buf;
    let p = this.len;
    buf[p++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      // Printable ASCII but the quote and the backslash is copied as is; anything else takes the slow path.
      if (c < 32 || c > 126 || c === 34 || c === 92) return this.escaped(s);
      buf[p++] = c;
    }
    buf[p++] = 34;
    this.len = p;
    return this;
  }

  /** A string needing escapes or non-ASCII: JSON.stringify's escaping, then UTF-8. */
  private escaped(s: string): this {
    const text = JSON.stringify(s);
    // At most 3 bytes per UTF-16 unit.
    this.ensure(text.length * 3);
    const { written } = encoder.encodeInto(text, this.buf.subarray(this.len));
    this.len += written;
    return this;
  }

  /** Writes a number as JSON does (non-finite numbers are null). */
  number(v: number): this {
    if (Number.isInteger(v) && Math.abs(v) < 1e15) return this.decimal(v, 0);
    return this.raw(Number.isFinite(v) ? String(v) : 'null');
  }

  /**
   * Writes `Math.round(v * 10^d) / 10^d` (d from 0 to 3) as JSON writes that number, from the integer
   * `Math.round(v * 10^d)` instead of formatting a double: the quotient is the double nearest the decimal k·10^-d,
   * and with at most 15 significant digits that decimal is its shortest form, which is what JSON writes.
   */
  rounded(v: number, d: 0 | 1 | 2 | 3): this {
    const scale = SCALES[d] as number;
    const k = Math.round(v * scale);
    if (!(Math.abs(k) < 1e15)) return this.raw(Number.isFinite(k / scale) ? String(k / scale) : 'null');
    return this.decimal(k, d);
  }

  /** Writes k·10^-d for an integer |k| < 10^15, in JSON's shortest form (no trailing zeros, -0 as 0). */
  private decimal(k: number, d: number): this {
    this.ensure(24);
    const buf = this.buf;
    let p = this.len;
    let a = k;
    if (a < 0) {
      buf[p++] = 45;
      a = -a;
    }
    const scale = SCALES[d] as number;
    const int = Math.floor(a / scale);
    let frac = a - int * scale;
    // Integer part, most significant digit first.
    let digits = 1;
    for (let t = int; t >= 10; t = Math.floor(t / 10)) digits++;
    for (let i = digits - 1, t = int; i >= 0; i--, t = Math.floor(t / 10)) buf[p + i] = 48 + (t % 10);
    p += digits;
    if (frac > 0) {
      let places = d;
      while (frac % 10 === 0) {
        frac /= 10;
        places--;
      }
      buf[p++] = 46;
      for (let i = places - 1, t = frac; i >= 0; i--, t = Math.floor(t / 10)) buf[p + i] = 48 + (t % 10);
      p += places;
    }
    this.len = p;
    return this;
  }

  /** Writes a value through JSON.stringify (for small objects built anyway). */
  value(v: unknown): this {
    const text = JSON.stringify(v);
    if (text === undefined) return this.raw('null');
    this.ensure(text.length * 3);
    const { written } = encoder.encodeInto(text, this.buf.subarray(this.len));
    this.len += written;
    return this;
  }

  /** The bytes written, without a copy: a view of the buffer (later writes may reallocate it). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}
