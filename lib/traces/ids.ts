/**
 * Trace and span id normalisation. B3 allows 64-bit (16 hex) or 128-bit (32 hex) trace ids;
 * W3C always carries 128 bits. Both map to one 32-hex id, 64-bit ids left-padded with zeros,
 * so a trace that crosses B3 and W3C workloads is one trace.
 */

const HEX = /^[0-9a-f]+$/;
const ZERO_64 = '0000000000000000';

/**
 * Normalises a trace id to 32 lower-case hex chars, or undefined when it is not a valid id
 * (wrong length, not hex, all zeros).
 */
export function normalizeTraceId(id: string): string | undefined {
  const s = id.toLowerCase();
  if ((s.length !== 16 && s.length !== 32) || !HEX.test(s)) return undefined;
  const full = s.length === 16 ? ZERO_64 + s : s;
  return /^0+$/.test(full) ? undefined : full;
}

/** Normalises a span id to 16 lower-case hex chars, or undefined when invalid or all zeros. */
export function normalizeSpanId(id: string): string | undefined {
  const s = id.toLowerCase();
  if (s.length !== 16 || !HEX.test(s) || s === ZERO_64) return undefined;
  return s;
}

/**
 * The forms a stored trace id may be looked up by: the id as given, padded when 64-bit.
 * Returns undefined when the text is not a trace id at all.
 */
export function traceIdLookupKey(text: string): string | undefined {
  return normalizeTraceId(text.trim());
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Hex-encodes bytes (OTLP protobuf ids); a table lookup per byte, as ingest does this per span. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += BYTE_HEX[bytes[i] as number];
  return out;
}

/**
 * Reads an OTLP JSON id: hex per the OTLP/JSON spec, but some older clients send base64 of the bytes;
 * the lengths differ (32 hex vs 24 base64 for trace ids, 16 vs 12 for span ids) so both are accepted.
 */
export function otlpJsonIdToHex(v: string, bytes: 8 | 16): string | undefined {
  if (v.length === bytes * 2) return HEX.test(v.toLowerCase()) ? v.toLowerCase() : undefined;
  const b64len = Math.ceil(bytes / 3) * 4;
  if (v.length !== b64len) return undefined;
  try {
    const bin = atob(v);
    if (bin.length !== bytes) return undefined;
    let out = '';
    for (let i = 0; i < bin.length; i++) out += bin.charCodeAt(i).toString(16).padStart(2, '0');
    return out;
  } catch {
    return undefined;
  }
}
