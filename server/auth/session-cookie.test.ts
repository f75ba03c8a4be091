import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { openSession, overTls, readCookie, sealSession, sessionCookieHeader, type SessionData } from './session-cookie';

const key = randomBytes(32);
const data: SessionData = { sid: 's1', sub: 'alice', groups: ['dev'], token: 'secret-token', exp: 2_000 };
const req = (headers: Record<string, string>, encrypted = false) => ({ headers, socket: { encrypted } }) as unknown as IncomingMessage;

describe('session cookie', () => {
  it('round-trips and hides the token', () => {
    const sealed = sealSession(key, data);
    expect(sealed).toMatch(/^v1\.[\w-]+$/);
    expect(Buffer.from(sealed.slice(3), 'base64url').toString('latin1')).not.toContain('secret-token');
    expect(openSession(key, sealed, 1_000)).toEqual(data);
  });

  it.each([
    ['expired', (s: string) => s, 2_000],
    ['another key', (s: string) => s, 1_000, randomBytes(32)],
    ['tampered', (s: string) => s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11), 1_000],
    ['another version', (s: string) => s.replace(/^v1/, 'v2'), 1_000],
    ['garbage', () => 'v1.abc', 1_000],
    ['empty', () => '', 1_000],
  ])('treats a cookie that is %s as no session', (_name, mangle, now, otherKey?: Buffer) => {
    expect(openSession(otherKey ?? key, mangle(sealSession(key, data)), now)).toBeUndefined();
  });

  it('reads one cookie among several', () => {
    expect(readCookie(req({ cookie: 'a=1; meshlens-session=v1.xyz; b=2' }), 'meshlens-session')).toBe('v1.xyz');
    expect(readCookie(req({}), 'meshlens-session')).toBeUndefined();
  });

  it('builds strict cookie headers, Secure over TLS only', () => {
    expect(sessionCookieHeader('v', 3_600_000, false)).toBe('meshlens-session=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600');
    expect(sessionCookieHeader('', 0, true)).toBe('meshlens-session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure');
    expect(overTls(req({}, true))).toBe(true);
    expect(overTls(req({ 'x-forwarded-proto': 'https, http' }))).toBe(true);
    expect(overTls(req({ 'x-forwarded-proto': 'http' }))).toBe(false);
  });
});
