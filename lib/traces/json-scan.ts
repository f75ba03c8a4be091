import { refusedMalformed, refusedTooLarge, type BodyBounds, type ScanResult } from './body-bounds';

/*
 * A linear pre-scan of a JSON span body that counts values, nesting and spans before `JSON.parse` materialises
 * anything: 10M `{}` (29 KB of gzip) are refused after reading the first few thousand bytes past the limit, instead
 * of allocating 10M objects. It tokenises exactly as JSON does for every valid prefix (strings are skipped with
 * indexOf, escapes honoured), so it cannot under-count what `JSON.parse` would build; it does not validate the
 * grammar, which `JSON.parse` still does afterwards.
 */

/** Which arrays hold spans: Zipkin's root array, or OTLP's resourceSpans[].scopeSpans[].spans[]. */
export type JsonSpanLayout = 'zipkin' | 'otlp';

// Roles of open containers: only the path to the span arrays matters.
const OTHER = 0;
const SPANS = 1; // an array whose elements are spans
const OTLP_ROOT = 2;
const RS_ARRAY = 3; // resourceSpans
const RS = 4;
const SS_ARRAY = 5; // scopeSpans / instrumentationLibrarySpans
const SS = 6;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function keyText(buf: Uint8Array, start: number, end: number): string | undefined {
  if (end - start > 64) return undefined;
  let s = '';
  let escaped = false;
  for (let i = start; i < end; i++) {
    const c = buf[i] as number;
    if (c === BACKSLASH) escaped = true;
    s += String.fromCharCode(c);
  }
  if (!escaped) return s;
  try {
    // A key spelled with escapes ("spa\u006es") is still "spans" to JSON.parse.
    return JSON.parse(`"${s}"`) as string;
  } catch {
    return undefined;
  }
}

function roleOfKey(parent: number, key: string | undefined): number {
  if (parent === OTLP_ROOT && key === 'resourceSpans') return RS_ARRAY;
  if (parent === RS && (key === 'scopeSpans' || key === 'instrumentationLibrarySpans')) return SS_ARRAY;
  if (parent === SS && key === 'spans') return SPANS;
  return OTHER;
}

const elementRole = (parent: number): number => (parent === RS_ARRAY ? RS : parent === SS_ARRAY ? SS : OTHER);

/** Ends a number or literal: `,` `]` `}` or whitespace. */
const isDelimiter = (c: number) => c === 0x2c || c === 0x5d || c === 0x7d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Counts the values, depth and spans of a JSON span body (UTF-8 bytes) and refuses it as soon as a count passes its
 * bound. Linear in the bytes read; stops early on the first bound passed.
 */
export function scanJsonBody(buf: Uint8Array, layout: JsonSpanLayout, bounds: BodyBounds): ScanResult {
  const n = buf.length;
  const roles = new Uint8Array(bounds.maxDepth + 2);
  const isObject = new Uint8Array(bounds.maxDepth + 2);
  let depth = 0;
  // values, spans, resourceSpans/scopeSpans entries: in an array so `count` captures nothing reassigned (hot path).
  const counts = new Float64Array(3);
  let expectKey = false;
  let pendingKey: string | undefined;
  let i = 0;

  // Called at the start of every value; returns a refusal when a bound is passed.
  const count = (parent: number): ScanResult | undefined => {
    if (++counts[0]! > bounds.maxValuesPerRequest) return refusedTooLarge(`more than ${bounds.maxValuesPerRequest} JSON values in one request`);
    if (parent === SPANS && ++counts[1]! > bounds.maxSpansPerRequest) return refusedTooLarge(`more than ${bounds.maxSpansPerRequest} spans in one request; the limit is ${bounds.maxSpansPerRequest}`);
    if ((parent === RS_ARRAY || parent === SS_ARRAY) && ++counts[2]! > bounds.maxSpansPerRequest) {
      return refusedTooLarge(`more than ${bounds.maxSpansPerRequest} resourceSpans/scopeSpans entries in one request`);
    }
    return undefined;
  };

  while (i < n) {
    const c = buf[i] as number;
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3a) {
      i++;
      continue;
    }
    if (c === 0x2c) {
      if (depth > 0 && isObject[depth]) expectKey = true;
      i++;
      continue;
    }
    if (c === QUOTE) {
      let j = buf.indexOf(QUOTE, i + 1);
      while (j > 0 && buf[j - 1] === BACKSLASH) {
        let b = j - 1;
        while (b > i && buf[b] === BACKSLASH) b--;
        if ((j - 1 - b) % 2 === 0) break; // an even run of backslashes: the quote is real
        j = buf.indexOf(QUOTE, j + 1);
      }
      if (j < 0) return refusedMalformed('unterminated JSON string');
      if (expectKey) {
        const parent = roles[depth] as number;
        pendingKey = parent === OTLP_ROOT || parent === RS || parent === SS ? keyText(buf, i + 1, j) : undefined;
        expectKey = false;
      } else {
        const r = count(roles[depth] as number);
        if (r) return r;
      }
      i = j + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      const parent = depth > 0 ? (roles[depth] as number) : -1;
      const r = count(parent);
      if (r) return r;
      const role = parent === -1 ? (layout === 'zipkin' ? (c === 0x5b ? SPANS : OTHER) : c === 0x7b ? OTLP_ROOT : OTHER) : isObject[depth] ? roleOfKey(parent, pendingKey) : elementRole(parent);
      if (++depth > bounds.maxDepth) return refusedMalformed(`JSON nested deeper than ${bounds.maxDepth} levels`);
      roles[depth] = role;
      isObject[depth] = c === 0x7b ? 1 : 0;
      expectKey = c === 0x7b;
      pendingKey = undefined;
      i++;
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      if (depth === 0) return refusedMalformed(`unexpected ${String.fromCharCode(c)} in JSON`);
      depth--;
      expectKey = false;
      pendingKey = undefined;
      i++;
      continue;
    }
    // A number or literal (true, false, null); anything else JSON.parse refuses later.
    const r = count(roles[depth] as number);
    if (r) return r;
    i++;
    while (i < n && !isDelimiter(buf[i] as number) && buf[i] !== QUOTE) i++;
  }
  return { ok: true, spans: counts[1]!, values: counts[0]! };
}
