/**
 * Just enough PEM/DER reading to tell whether a certificate parses and when it expires, without a crypto
 * library (lib stays pure and runs in browsers too).
 */

/** Decodes the first PEM block of `type` (e.g. CERTIFICATE) to DER bytes, or undefined. */
export function pemBlock(pem: string, type: string): Uint8Array | undefined {
  const m = new RegExp(`-----BEGIN ${type}-----([\\s\\S]*?)-----END ${type}-----`).exec(pem);
  if (!m?.[1]) return undefined;
  const b64 = m[1].replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64 === '') return undefined;
  return base64ToBytes(b64);
}

/** Standard base64 (with or without padding) to bytes; undefined when malformed. */
export function base64ToBytes(b64: string): Uint8Array | undefined {
  const clean = b64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  try {
    const bin = atob(clean);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

interface Tlv {
  tag: number;
  start: number;
  end: number;
  next: number;
}

function tlv(b: Uint8Array, at: number): Tlv | undefined {
  const tag = b[at];
  let lenByte = b[at + 1];
  if (tag === undefined || lenByte === undefined) return undefined;
  let p = at + 2;
  let len = lenByte;
  if (lenByte & 0x80) {
    const n = lenByte & 0x7f;
    if (n === 0 || n > 4) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) {
      lenByte = b[p++];
      if (lenByte === undefined) return undefined;
      len = len * 256 + lenByte;
    }
  }
  if (p + len > b.length) return undefined;
  return { tag, start: p, end: p + len, next: p + len };
}

/** The notAfter of a DER X.509 certificate (ms since epoch), or undefined when it does not parse. */
export function certificateNotAfter(der: Uint8Array): number | undefined {
  const cert = tlv(der, 0);
  if (!cert || cert.tag !== 0x30) return undefined;
  const tbs = tlv(der, cert.start);
  if (!tbs || tbs.tag !== 0x30) return undefined;
  let p = tbs.start;
  let field = tlv(der, p);
  if (field?.tag === 0xa0) field = tlv(der, (p = field.next));
  // serialNumber, signature, issuer, then validity.
  for (let i = 0; i < 3; i++) {
    if (!field) return undefined;
    field = tlv(der, (p = field.next));
  }
  if (!field || field.tag !== 0x30) return undefined;
  const notBefore = tlv(der, field.start);
  const notAfter = notBefore && tlv(der, notBefore.next);
  if (!notAfter) return undefined;
  const text = String.fromCharCode(...der.subarray(notAfter.start, notAfter.end));
  return parseAsn1Time(notAfter.tag, text);
}

function parseAsn1Time(tag: number, s: string): number | undefined {
  // UTCTime YYMMDDHHMMSSZ, GeneralizedTime YYYYMMDDHHMMSSZ.
  const m = tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s) : tag === 0x18 ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s) : null;
  if (!m) return undefined;
  let year = Number(m[1]);
  if (tag === 0x17) year += year < 50 ? 2000 : 1900;
  return Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}
