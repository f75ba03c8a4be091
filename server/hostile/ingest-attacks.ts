/**
 * Span-ingest attacks shared by the hostile-input suite (ingest.int.test.ts), the receiver fuzz run and
 * bench/hostile-ingest.bench.ts: the bodies, and a POST that can pick its client address (loopback has all of
 * 127/8, so "another client" is 127.0.0.2) and send its body slowly.
 */
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { encodeOtlpRequest } from '../features/traces/otlp-proto';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface PostOptions {
  /** Source address of the connection (another "client"). */
  localAddress?: string;
  timeoutMs?: number;
}

/** POSTs `body` with the given headers (content-length added) and resolves with the answer. */
export function post(baseUrl: string, path: string, headers: Record<string, string>, body: Buffer | string, opts: PostOptions = {}): Promise<Answer> {
  const u = new URL(baseUrl);
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, method: 'POST', path, agent: false, timeout: timeoutMs, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers }, ...(opts.localAddress ? { localAddress: opts.localAddress } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    // The server may answer and close before the whole body is written (413, 415): the answer still counts.
    req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'EPIPE' || (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
    req.end(body);
  });
}

export interface SlowUpload {
  /** Settles with the status the server answered, or 0 when it closed the connection without one. */
  answer: Promise<number>;
  stop(): void;
}

/** Declares a 1000-byte body and sends one byte every `everyMs`: holds a request slot for as long as it is let. */
export function slowUpload(baseUrl: string, path: string, everyMs: number, opts: PostOptions = {}): SlowUpload {
  const u = new URL(baseUrl);
  const req = http.request({ host: u.hostname, port: u.port, method: 'POST', path, agent: false, headers: { 'content-type': 'application/x-protobuf', 'content-length': '1000' }, ...(opts.localAddress ? { localAddress: opts.localAddress } : {}) });
  const answer = new Promise<number>((resolve) => {
    req.on('response', (res) => {
      res.resume();
      clearInterval(timer);
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('close', () => resolve(0));
  });
  req.flushHeaders();
  const timer = setInterval(() => req.write(Buffer.from([0x0a])), everyMs);
  return {
    answer,
    stop() {
      clearInterval(timer);
      req.destroy();
    },
  };
}

const repeatJoin = (item: string, n: number) => item.concat(',').repeat(n - 1) + item;

/** `[{},{},...]`, n of them: a Zipkin batch of empty spans. */
export const emptyZipkinSpans = (n: number): Buffer => Buffer.from('[' + repeatJoin('{}', n) + ']');

/** An OTLP/JSON request with n empty spans under one scope. */
export const emptyOtlpJsonSpans = (n: number): Buffer => Buffer.from('{"resourceSpans":[{"scopeSpans":[{"spans":[' + repeatJoin('{}', n) + ']}]}]}');

/** An OTLP protobuf request with n empty spans: two bytes each, so 1M spans are 2 MB. */
export function emptyOtlpProtoSpans(n: number): Buffer {
  const spans = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) spans[i * 2] = 0x12;
  const scope = Buffer.concat([lenPrefix(0x12, spans.length), spans]);
  const rs = Buffer.concat([lenPrefix(0x0a, scope.length), scope]);
  return rs;
}

/** A Zipkin proto3 ListOfSpans of n empty spans. */
export function emptyZipkinProtoSpans(n: number): Buffer {
  const out = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) out[i * 2] = 0x0a;
  return out;
}

/** One OTLP span with n empty attributes (KeyValue messages): few spans, millions of objects. */
export function otlpProtoAttributeFlood(n: number): Buffer {
  const attrs = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) attrs[i * 2] = 0x4a; // field 9, length-delimited, length 0
  const span = Buffer.concat([lenPrefix(0x12, attrs.length), attrs]);
  const scope = Buffer.concat([lenPrefix(0x12, span.length), span]);
  return Buffer.concat([lenPrefix(0x0a, scope.length), scope]);
}

function lenPrefix(tag: number, len: number): Buffer {
  const bytes = [tag];
  let n = len;
  while (n >= 0x80) {
    bytes.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

export const gzip = (b: Buffer): Buffer => gzipSync(b, { level: 9 });

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A valid Zipkin v2 span of `traceId` (16 or 32 hex), dated `nowUs`. */
export function zipkinSpan(traceId: string, i: number, nowUs: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    traceId,
    id: hex(i + 1, 16),
    ...(i > 0 ? { parentId: hex(1, 16) } : {}),
    kind: i % 2 ? 'CLIENT' : 'SERVER',
    name: `op-${i % 7}`,
    timestamp: nowUs + i,
    duration: 1000 + i,
    localEndpoint: { serviceName: 'hostile-test.ns', ipv4: '10.0.0.1' },
    tags: { 'http.method': 'GET', 'http.status_code': '200', component: 'proxy' },
    ...over,
  };
}

/** A valid OTLP/JSON request: `n` spans of one trace, dated `nowUs`. */
export function otlpJson(traceId: string, n: number, nowUs: number, over: Record<string, unknown> = {}, service = 'hostile-otlp.ns'): Record<string, unknown> {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [
          {
            scope: { name: 'hostile' },
            spans: Array.from({ length: n }, (_, i) => ({
              traceId,
              spanId: hex(i + 1, 16),
              name: `op-${i % 5}`,
              kind: 2,
              startTimeUnixNano: `${nowUs + i}000`,
              endTimeUnixNano: `${nowUs + i + 500}000`,
              attributes: [{ key: 'http.status_code', value: { intValue: 200 } }],
              ...over,
            })),
          },
        ],
      },
    ],
  };
}

/** The same request as protobuf (ids as bytes). */
export function otlpProto(traceId: string, n: number, nowUs: number, over: Record<string, unknown> = {}): Buffer {
  const req = otlpJson(traceId, n, nowUs, over) as { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
  for (const s of req.resourceSpans[0]!.scopeSpans[0]!.spans) {
    s.traceId = Buffer.from(s.traceId as string, 'hex');
    s.spanId = Buffer.from(s.spanId as string, 'hex');
  }
  return Buffer.from(encodeOtlpRequest(req));
}
