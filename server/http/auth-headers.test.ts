import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { API_CSP, pageCsp, setSecurityHeaders } from './auth-headers';

const fakeRes = () => {
  const headers: Record<string, string> = {};
  return { headers, res: { setHeader: (k: string, v: string) => void (headers[k] = v) } as unknown as http.ServerResponse };
};

describe('security headers', () => {
  it('lock API answers down completely', () => {
    const { headers, res } = fakeRes();
    setSecurityHeaders(res, 'api', undefined);
    expect(headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin', 'content-security-policy': API_CSP });
    expect(API_CSP).toContain("default-src 'none'");
  });

  it('give pages a same-origin CSP that refuses framing, with eval only in development', () => {
    const { headers, res } = fakeRes();
    setSecurityHeaders(res, 'page', false);
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(pageCsp(true, 'n')).toContain("'unsafe-eval'");
  });

  it('let page scripts run by nonce only (no unsafe-inline), a fresh nonce per answer, handed to Next on the request', () => {
    const a = fakeRes();
    const req = { headers: {} } as http.IncomingMessage;
    setSecurityHeaders(a.res, 'page', false, req);
    const csp = a.headers['content-security-policy'] ?? '';
    const script = csp.split('; ').find((d) => d.startsWith('script-src')) ?? '';
    expect(script).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'$/);
    expect(req.headers['content-security-policy']).toBe(csp);
    const b = fakeRes();
    setSecurityHeaders(b.res, 'page', false);
    expect(b.headers['content-security-policy']).not.toBe(csp);
  });

  it('leave the page CSP out when the mode is unknown (no auth hook), rather than break the dev client', () => {
    const { headers, res } = fakeRes();
    setSecurityHeaders(res, 'page', undefined);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['x-frame-options']).toBe('DENY');
  });
});
