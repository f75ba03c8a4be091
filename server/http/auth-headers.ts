import { randomBytes } from 'node:crypto';
import type http from 'node:http';

/** A fresh CSP nonce: 128 random bits, base64. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The CSP for pages. Scripts run only with this answer's nonce (Next puts it on its inline bootstrap and script tags,
 * having read it from the request's CSP header; pages are rendered per request for it) or when loaded by such a
 * script ('strict-dynamic': Next's chunks). No 'unsafe-inline' for scripts: an injected <script> does not run.
 * Styles keep 'unsafe-inline' (React's style attributes); everything else is this origin, and framing is refused.
 */
export function pageCsp(dev: boolean, nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** API answers are data, never documents: nothing may run or load from them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/**
 * Headers every answer carries (pages and API alike). `dev` undefined means "not known" (no auth hook wired): pages
 * then get no CSP rather than one that would break Next's dev client, which needs eval. For a page, the request
 * gets the same CSP header, which is where Next reads the nonce from.
 */
export function setSecurityHeaders(res: http.ServerResponse, kind: 'api' | 'page', dev: boolean | undefined, req?: http.IncomingMessage): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  if (kind === 'api') res.setHeader('content-security-policy', API_CSP);
  else if (dev !== undefined) {
    const csp = pageCsp(dev, newNonce());
    res.setHeader('content-security-policy', csp);
    if (req) req.headers['content-security-policy'] = csp;
  }
}
