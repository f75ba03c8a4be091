import http from 'node:http';
import type { HeaderMap } from '../tracing/types';

export type AttemptResult =
  | { ok: true; status: number; headers: HeaderMap; body: Buffer }
  | { ok: false; failure: 'connect-failure' | 'reset' | 'per-try-timeout' | 'route-timeout' };

const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** One HTTP attempt to an upstream pod, bounded by a deadline; never throws. */
export function attempt(
  agent: http.Agent,
  target: { host: string; port: number },
  method: string,
  path: string,
  headers: HeaderMap,
  body: Buffer | undefined,
  timeoutMs: number,
  isRouteDeadline: boolean,
): Promise<AttemptResult> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = http.request({ agent, host: target.host, port: target.port, method, path, headers: body ? { ...headers, 'content-length': String(body.length) } : headers });
    const timer = setTimeout(() => {
      done({ ok: false, failure: isRouteDeadline ? 'route-timeout' : 'per-try-timeout' });
      req.destroy();
    }, Math.max(1, timeoutMs));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_RESPONSE_BYTES) {
          req.destroy();
          done({ ok: false, failure: 'reset' });
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => done({ ok: true, status: res.statusCode ?? 502, headers: flatten(res.headers), body: Buffer.concat(chunks) }));
      res.on('error', () => done({ ok: false, failure: 'reset' }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      done({ ok: false, failure: err.code === 'ECONNREFUSED' ? 'connect-failure' : 'reset' });
    });
    req.end(body);
  });
}

/** Node's header object to a flat lower-case map (joining repeated headers as HTTP allows). */
export function flatten(h: http.IncomingHttpHeaders): HeaderMap {
  const out: HeaderMap = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}
