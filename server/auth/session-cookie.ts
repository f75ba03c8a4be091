import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'meshlens-session';

/** What a session cookie carries, sealed so the browser can neither read the token nor change any field. */
export interface SessionData {
  /** Session id (for sign-out revocation). */
  sid: string;
  sub: string;
  groups: string[];
  token: string;
  /** Expiry, ms since epoch. */
  exp: number;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

/** AES-256-GCM: `v1.<base64url(iv | tag | ciphertext)>`. */
export function sealSession(key: Buffer, data: SessionData): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The version is authenticated too, so a future format cannot be confused with this one.
  cipher.setAAD(Buffer.from(VERSION));
  const body = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/**
 * Opens a sealed session; anything wrong (another key after a rotation, tampering, expiry, garbage) is just
 * "no session", never an error: the person signs in again.
 */
export function openSession(key: Buffer, sealed: string, nowMs: number): SessionData | undefined {
  const [version, payload] = sealed.split('.', 2);
  if (version !== VERSION || !payload) return undefined;
  const raw = Buffer.from(payload, 'base64url');
  if (raw.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(VERSION));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    const d = JSON.parse(text) as Partial<SessionData>;
    if (typeof d.sid !== 'string' || typeof d.sub !== 'string' || typeof d.token !== 'string' || typeof d.exp !== 'number' || !Array.isArray(d.groups)) return undefined;
    if (d.exp <= nowMs) return undefined;
    return { sid: d.sid, sub: d.sub, groups: d.groups.filter((g): g is string => typeof g === 'string'), token: d.token, exp: d.exp };
  } catch {
    return undefined;
  }
}

/** The value of one cookie from the Cookie header. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Whether the browser reached us over TLS (directly or through a TLS-terminating proxy). */
export function overTls(req: IncomingMessage): boolean {
  const proto = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim().toLowerCase();
  return Boolean((req.socket as { encrypted?: boolean }).encrypted) || first === 'https';
}

/** `Set-Cookie` for a session (maxAgeMs > 0) or for signing out (0): HttpOnly, SameSite=Strict, Secure over TLS. */
export function sessionCookieHeader(value: string, maxAgeMs: number, secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.floor(maxAgeMs / 1000))}`];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}
