import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { ScrapeLimitReason } from '../../../lib/api/metrics';

/** A scrape answer refused by a byte limit: the scrape fails with this reason, and nothing of it is kept. */
export class ScrapeLimitError extends Error {
  constructor(
    readonly reason: Extract<ScrapeLimitReason, 'body_too_large' | 'compressed_too_large'>,
    message: string,
  ) {
    super(message);
  }
}

export interface CappedFetchOptions {
  timeoutMs: number;
  /** Bytes on the wire (compressed or not). */
  maxCompressedBytes: number;
  /** Bytes after decompression. */
  maxBodyBytes: number;
  headers?: Record<string, string>;
}

/**
 * GETs `url` and returns its body, counting bytes as they stream in (before and after gunzip) and aborting at either
 * cap: an endless chunked answer or a gzip bomb costs at most the cap in memory, never the whole answer. The
 * decompression runs in zlib's thread pool, so a bomb does not stall the event loop either.
 */
export function cappedGet(url: string, o: CappedFetchOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      reject(new Error(`invalid target URL ${JSON.stringify(url)}`));
      return;
    }
    const client = u.protocol === 'https:' ? https : u.protocol === 'http:' ? http : undefined;
    if (!client) {
      reject(new Error(`unsupported scheme ${u.protocol} (http or https only)`));
      return;
    }
    let settled = false;
    const done = (err: Error | undefined, body?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(body as Buffer);
    };
    const timer = setTimeout(() => {
      const e = new Error(`timed out after ${o.timeoutMs}ms`);
      e.name = 'TimeoutError';
      done(e);
    }, o.timeoutMs);
    const req = client.get(u, { headers: { 'accept-encoding': 'gzip, deflate', ...o.headers }, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        done(new Error(`HTTP ${res.statusCode} ${res.statusMessage ?? ''}`.trim()));
        return;
      }
      const encoding = (res.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
      const compressed = encoding !== 'identity' && encoding !== '';
      const declared = Number(res.headers['content-length'] ?? NaN);
      if (compressed && declared > o.maxCompressedBytes) {
        done(new ScrapeLimitError('compressed_too_large', `${encoding} answer of ${declared} bytes is over the ${o.maxCompressedBytes}-byte limit`));
        return;
      }
      if (!compressed && declared > o.maxBodyBytes) {
        done(new ScrapeLimitError('body_too_large', `answer of ${declared} bytes is over the ${o.maxBodyBytes}-byte limit`));
        return;
      }
      let wire = 0;
      if (compressed) {
        res.on('data', (c: Buffer) => {
          wire += c.length;
          if (wire > o.maxCompressedBytes) done(new ScrapeLimitError('compressed_too_large', `${encoding} answer is over the ${o.maxCompressedBytes}-byte limit as sent`));
        });
      }
      res.on('error', (err) => done(err));
      let body: NodeJS.ReadableStream;
      if (!compressed) body = res;
      else if (encoding === 'gzip' || encoding === 'x-gzip') body = res.pipe(zlib.createGunzip());
      else if (encoding === 'deflate') body = res.pipe(zlib.createInflate());
      else {
        done(new Error(`unsupported content-encoding ${JSON.stringify(encoding.slice(0, 40))}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      body.on('data', (c: Buffer) => {
        if (settled) return;
        size += c.length;
        if (size > o.maxBodyBytes) {
          chunks.length = 0;
          (body as unknown as { destroy(): void }).destroy();
          done(new ScrapeLimitError('body_too_large', encoding === 'identity' ? `answer is over the ${o.maxBodyBytes}-byte limit` : `answer is over the ${o.maxBodyBytes}-byte limit after decompression (${encoding})`));
          return;
        }
        chunks.push(c);
      });
      body.on('error', (err: Error) => done(new Error(`could not decode the ${encoding} answer: ${err.message}`)));
      body.on('end', () => done(undefined, Buffer.concat(chunks)));
    });
    req.on('error', (err) => done(err));
  });
}
