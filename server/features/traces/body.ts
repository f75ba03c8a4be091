import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { IncomingMessage } from 'node:http';
import { HttpError } from '../../http/errors';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);

export interface BodyLimits {
  /** Bytes on the wire (compressed). */
  maxWireBytes: number;
  /** Bytes after decompression: a zip bomb is stopped as soon as its output passes this. */
  maxBodyBytes: number;
  /** Ms without a body byte before the read is abandoned. */
  bodyIdleTimeoutMs: number;
  /** Ms for the whole body, however steadily it trickles. */
  bodyTimeoutMs: number;
}

/** The client sent its body too slowly; the caller answers 400 and closes the connection. */
export class BodyTimeoutError extends Error {
  override readonly name = 'BodyTimeoutError';
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

// Connection: close so a client still streaming a refused body is not left mid-request.
const tooLarge = (message: string) => new HttpError('payload_too_large', message, undefined, { connection: 'close' });

/**
 * Reads a request body (chunked or with Content-Length), refusing early when the declared or
 * streamed size passes the wire cap, then decompresses gzip/deflate with an output cap.
 */
export async function readBody(raw: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const declared = raw.headers['content-length'];
  if (declared !== undefined && Number(declared) > limits.maxWireBytes) {
    raw.resume();
    throw tooLarge(`request body of ${declared} bytes exceeds the ${limits.maxWireBytes}-byte limit`);
  }
  const encoding = (raw.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (!['identity', 'gzip', 'x-gzip', 'deflate', ''].includes(encoding)) {
    raw.resume();
    throw new HttpError('unsupported_media_type', `Content-Encoding ${JSON.stringify(encoding)} is not supported; use gzip, deflate or none`);
  }
  const wire = await readCapped(raw, limits);
  if (encoding === 'identity' || encoding === '') return wire;
  try {
    const opts = { maxOutputLength: limits.maxBodyBytes };
    return encoding === 'deflate' ? await inflate(wire, opts) : await gunzip(wire, opts);
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge(`decompressed body exceeds the ${limits.maxBodyBytes}-byte limit`);
    }
    throw new HttpError('bad_request', `body is not valid ${encoding} data: ${(err as Error).message}`);
  }
}

function readCapped(raw: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const max = limits.maxWireBytes;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    // Per-client slots are only fair if a slot cannot be held forever: an idle gap and a whole-body deadline.
    const idle = () => new BodyTimeoutError(`no request body bytes for ${seconds(limits.bodyIdleTimeoutMs)}; send the body promptly`);
    const idleTimer = setTimeout(() => finish(idle()), limits.bodyIdleTimeoutMs);
    const deadline = setTimeout(() => finish(new BodyTimeoutError(`request body not received within ${seconds(limits.bodyTimeoutMs)} (${size} bytes came)`)), limits.bodyTimeoutMs);
    const finish = (err?: unknown) => {
      if (done) return;
      done = true;
      clearTimeout(idleTimer);
      clearTimeout(deadline);
      raw.off('data', onData);
      raw.off('end', onEnd);
      raw.off('error', onError);
      if (err) reject(err);
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const onData = (c: Buffer) => {
      idleTimer.refresh();
      size += c.length;
      if (size > max) {
        raw.resume();
        finish(tooLarge(`request body exceeds the ${max}-byte limit`));
        return;
      }
      chunks.push(c);
    };
    const onEnd = () => finish();
    const onError = (e: Error) => finish(new HttpError('bad_request', `request body could not be read: ${e.message}`));
    raw.on('data', onData);
    raw.on('end', onEnd);
    raw.on('error', onError);
    raw.on('aborted', () => finish(new HttpError('bad_request', 'client aborted the request body')));
  });
}
