import http from 'node:http';
import https from 'node:https';
import { WorkloadSourceError } from './source';

export interface BoundedGetOptions {
  headers?: http.OutgoingHttpHeaders;
  /** TLS options (ca, cert, key, rejectUnauthorized...) for https URLs. */
  tls?: https.RequestOptions;
  maxBytes: number;
  timeoutMs: number;
  /** What the body is, for messages ("the config dump of bookinfo/reviews-v1-..."). */
  what: string;
  /** When the body passes maxBytes: keep what fits (logs) or refuse (a config dump cut short is not JSON). */
  overflow: 'truncate' | 'refuse';
}

/** A GET that reads at most `maxBytes` and gives up after `timeoutMs`; the status and body come back as text. */
export function boundedGet(url: URL, o: BoundedGetOptions): Promise<{ status: number; body: string; truncated: boolean }> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, { ...o.tls, method: 'GET', headers: o.headers }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      res.on('data', (c: Buffer) => {
        if (done) return;
        if (size + c.length > o.maxBytes) {
          done = true;
          if (o.overflow === 'refuse') {
            req.destroy();
            reject(new WorkloadSourceError('bad_gateway', `${o.what} is larger than ${o.maxBytes} bytes (the limit); it was not read`));
            return;
          }
          chunks.push(c.subarray(0, o.maxBytes - size));
          size = o.maxBytes;
          res.destroy();
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), truncated: true });
          return;
        }
        size += c.length;
        chunks.push(c);
      });
      res.on('end', () => {
        if (!done) resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), truncated: false });
      });
      res.on('error', (err) => {
        if (!done) reject(new WorkloadSourceError('bad_gateway', `${o.what}: the connection failed (${err.message})`));
      });
    });
    req.setTimeout(o.timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ETIMEDOUT') reject(new WorkloadSourceError('gateway_timeout', `${o.what}: no answer within ${o.timeoutMs / 1000} s`));
      else reject(new WorkloadSourceError('unavailable', `${o.what}: cannot connect (${err.code ?? err.message})`));
    });
    req.end();
  });
}
