import type http from 'node:http';

/**
 * The CSP for pages. Next's prerendered pages carry inline bootstrap scripts that no nonce can reach (the HTML is
 * built once), so scripts need 'unsafe-inline'; everything else is locked to this origin and framing is refused.
 */
export function pageCsp(dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
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
 * then get no CSP rather than one that would break Next's dev client, which needs eval.
 */
export function setSecurityHeaders(res: http.ServerResponse, kind: 'api' | 'page', dev: boolean | undefined): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  if (kind === 'api') res.setHeader('content-security-policy', API_CSP);
  else if (dev !== undefined) res.setHeader('content-security-policy', pageCsp(dev));
}
