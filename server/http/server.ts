import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { promisify } from 'node:util';
import { constants as zlibConstants, gzip } from 'node:zlib';
import type { Logger } from 'pino';
import { Histogram, type Registry } from 'prom-client';
import { HTTP_LIMITS, type HttpLimits } from '../../lib/limits/http-edge';
import { STATUS_OF, type ApiErrorCode } from '../../lib/api/errors';
import type { AuthHook } from './auth-hook';
import { capConnectionsPerClient } from './connection-cap';
import { EdgePolicy } from './edge-policy';
import { setSecurityHeaders } from './auth-headers';
import { HttpError, toErrorResponse } from './errors';
import type { ApiRequest, ApiResponse, Method, Route, Router } from './router';

export type NextHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

export interface HttpServerOptions {
  router: Router;
  log: Logger;
  registry: Registry;
  /** Mutable: pages are served once `next` is set; until `ready`, everything answers 503 "starting". */
  state: { next?: NextHandler; ready: boolean };
  /** Authentication and authorization (server/auth); without it everyone is anonymous with full access (API tests). */
  auth?: AuthHook;
  /** Names and origins the server answers (config.host, --public-url, --allowed-hosts); absent: the bound address and loopback. */
  edge?: { bindHost?: string; publicUrls?: readonly string[]; allowedHosts?: readonly string[] };
  /** Timeouts and connection caps (lib/limits/http-edge); absent: the defaults. */
  limits?: HttpLimits;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;
const OWN_PREFIXES = ['/api/', '/v1/traces', '/metrics'];
/** Longer URLs are refused before any work: no route needs them, and they are a cheap way to burn memory. */
const MAX_URL_LENGTH = 16 * 1024;
/** Pages take no bodies worth this much. */
const PAGE_BODY_LIMIT = 1024 * 1024;
/** Answers at least this large are gzipped for clients that accept it (a large mesh's graph is megabytes of JSON). */
const COMPRESS_FROM_BYTES = 32 * 1024;
const gzipAsync = promisify(gzip);

/**
 * The one HTTP listener: Meshlens's own routes (API, receivers, /metrics) first, everything else to Next.
 * Every answer from an own route is JSON (errors as `{"error": {...}}`); a thrown error never reaches the socket raw.
 */
export function createHttpServer(o: HttpServerOptions): { server: http.Server; inFlight: () => number } {
  const duration = new Histogram({
    name: 'meshlens_http_request_duration_seconds',
    help: 'Duration of API requests by route pattern and status class.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [o.registry],
  });
  let inFlight = 0;
  const limits = o.limits ?? HTTP_LIMITS;
  // Slow-loris protection: node:http drops a connection whose headers (or whole request) are late; it checks every
  // connectionsCheckingInterval, so that interval bounds how late past the timeout a slow client is cut.
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs),
      connectionsCheckingInterval: limits.connectionCheckIntervalMs,
      maxHeaderSize: 16 * 1024,
    },
    (req, res) => {
      if (refused(req.socket)) return void req.socket.destroy();
      inFlight++;
      res.on('close', () => inFlight--);
      void handle(req, res);
    },
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxHeadersCount = limits.maxHeadersCount;
  server.maxRequestsPerSocket = limits.maxRequestsPerSocket;
  if (limits.maxConnections > 0) server.maxConnections = limits.maxConnections;
  const refused = capConnectionsPerClient(server, limits.maxConnectionsPerClient);
  const boundPort = () => {
    const a = server.address();
    return typeof a === 'object' && a ? a.port : 0;
  };
  const policy = new EdgePolicy({
    bindHost: o.edge?.bindHost ?? '127.0.0.1',
    port: boundPort,
    ...(o.edge?.publicUrls ? { publicUrls: o.edge.publicUrls } : {}),
    ...(o.edge?.allowedHosts ? { allowedHosts: o.edge.allowedHosts } : {}),
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = headerValue(req.headers['x-request-id']) ?? randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const own = OWN_PREFIXES.some((p) => url.pathname === p.replace(/\/$/, '') || url.pathname.startsWith(p));
    setSecurityHeaders(res, own ? 'api' : 'page', o.auth ? (o.auth.dev ?? false) : undefined, req);
    // DNS rebinding: a page on a name the attacker controls, resolved to this address, must get nothing, pages included.
    const host = policy.checkHost(req.headers.host);
    if (!host.ok) return void send(res, STATUS_OF.misdirected_request, { error: { code: 'misdirected_request' satisfies ApiErrorCode, message: host.message } });
    if ((req.url ?? '').length > MAX_URL_LENGTH) {
      return void send(res, 400, { error: { code: 'bad_request', message: `the URL is over ${MAX_URL_LENGTH} characters` } });
    }
    if (!o.state.ready) {
      res.setHeader('retry-after', '2');
      return void send(res, 503, { error: { code: 'unavailable', message: 'Meshlens is starting; try again in a moment' } });
    }
    if (!own) {
      const next = o.state.next;
      if (!next) return void send(res, 404, { error: { code: 'not_found', message: 'no UI in this process' } });
      if (Number(req.headers['content-length'] ?? 0) > PAGE_BODY_LIMIT) {
        return void send(res, 413, { error: { code: 'payload_too_large', message: `request body is over the ${PAGE_BODY_LIMIT}-byte limit` } });
      }
      try {
        if (isStateChanging(req.method)) checkBrowserOrigin(req, policy);
        if (o.auth && (await o.auth.page(req, res, url))) return;
        await next(req, res);
      } catch (err) {
        if (err instanceof HttpError) return void send(res, err.status, toErrorResponse(err).body);
        o.log.error({ err, requestId, path: url.pathname }, 'page handler failed');
        if (!res.headersSent) send(res, 500, { error: { code: 'internal', message: 'page rendering failed' } });
      }
      return;
    }
    let routePattern = 'unmatched';
    res.setHeader('x-request-id', requestId);
    res.setHeader('cache-control', 'no-store');
    try {
      const match = o.router.match(req.method ?? 'GET', url.pathname);
      if (!match) throw new HttpError('not_found', `no such endpoint: ${req.method} ${url.pathname}`);
      routePattern = match.route.path;
      checkCsrf(match.route, req, policy);
      // May refuse (401/403/404/429), rewrite the query to visible namespaces, and narrow the answer.
      const narrow = await o.auth?.api(req, match, url);
      const apiReq = makeRequest(req, res, url, match.params, requestId);
      const answer = await (o.auth?.within ? o.auth.within(req, () => match.route.handler(apiReq)) : match.route.handler(apiReq));
      if ('raw' in answer) return;
      // Answer filters work on objects: a route that has one must answer an object, or hidden data could pass.
      if (narrow && answer.body === undefined && answer.text !== undefined) throw new Error(`${routePattern} answered text but has an answer filter`);
      const narrowed = narrow && answer.body !== undefined ? { ...answer, body: await narrow(answer.body) } : answer;
      await writeAnswer(res, narrowed, req.method === 'HEAD', acceptsGzip(req));
    } catch (err) {
      const { status, body, headers } = toErrorResponse(err);
      if (status >= 500) o.log.error({ err, requestId, path: url.pathname }, 'request failed');
      else o.log.debug({ requestId, path: url.pathname, status, message: body.error.message }, 'request refused');
      if (!res.headersSent) {
        for (const [k, v] of Object.entries(headers ?? {})) res.setHeader(k, v);
        send(res, status, body);
      } else {
        res.destroy();
      }
    } finally {
      duration.observe({ method: req.method ?? 'GET', route: routePattern, status: `${Math.floor(res.statusCode / 100)}xx` }, (performance.now() - started) / 1000);
    }
  }

  return { server, inFlight: () => inFlight };
}

function headerValue(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.length <= 200 ? s : undefined;
}

/**
 * Browser writes need an allowed `Origin` and, on routes that keep CSRF on, `X-Meshlens-Csrf: 1`. A request is taken
 * as coming from a browser when it carries Origin or Sec-Fetch-Site (browsers send Origin on every non-GET request,
 * forms and same-origin fetches included, so a browser request without one is refused). Sec-Fetch-Mode alone is not
 * enough: Node's own fetch sends it too. Routes for machine clients (`csrf: false`: receivers, validate) skip the
 * header but still refuse a browser from a foreign origin, so no web page can post to them cross-site.
 */
export function checkCsrf(route: Route, req: http.IncomingMessage, policy: EdgePolicy): void {
  if (!isStateChanging(route.method)) return;
  checkBrowserOrigin(req, policy);
  if (route.csrf === false || !fromBrowser(req)) return;
  if (req.headers['x-meshlens-csrf'] !== '1') throw new HttpError('forbidden', 'missing X-Meshlens-Csrf header on a browser write');
}

const isStateChanging = (method: string | undefined) => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
const fromBrowser = (req: http.IncomingMessage) => req.headers.origin !== undefined || req.headers['sec-fetch-site'] !== undefined;

/** Refuses a state-changing browser request whose Origin is missing, malformed or not one of the server's own. */
function checkBrowserOrigin(req: http.IncomingMessage, policy: EdgePolicy): void {
  if (!fromBrowser(req)) return;
  const origin = req.headers.origin;
  if (origin === undefined) throw new HttpError('forbidden', 'cross-site write refused: a browser request without an Origin header');
  const v = policy.checkOrigin(origin, req.headers.host);
  if (!v.ok) throw new HttpError('forbidden', v.message);
}

function makeRequest(req: http.IncomingMessage, res: http.ServerResponse, url: URL, params: Record<string, string>, requestId: string): ApiRequest {
  let cached: Promise<Buffer> | undefined;
  const body = (limit = DEFAULT_BODY_LIMIT) => (cached ??= readBody(req, limit));
  return {
    method: (req.method ?? 'GET') as Method,
    url,
    params,
    headers: req.headers,
    body,
    async json(limit) {
      const buf = await body(limit);
      if (buf.length === 0) throw new HttpError('bad_request', 'request body is empty; expected JSON');
      try {
        return JSON.parse(buf.toString('utf8')) as unknown;
      } catch (err) {
        throw new HttpError('bad_request', `malformed JSON: ${(err as Error).message}`);
      }
    },
    raw: req,
    res,
    requestId,
  };
}

/** Reads a body up to `limit` bytes; beyond that answers 413 without buffering the rest. */
export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(new HttpError('payload_too_large', `request body of ${declared} bytes is over the ${limit}-byte limit`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new HttpError('payload_too_large', `request body is over the ${limit}-byte limit`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', (err) => reject(new HttpError('bad_request', `request body could not be read: ${err.message}`)));
  });
}

/** Whether the client takes gzip (`Accept-Encoding: gzip`, not refused with q=0). */
export function acceptsGzip(req: http.IncomingMessage): boolean {
  const h = headerValue(req.headers['accept-encoding']);
  if (!h) return false;
  return h.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

async function writeAnswer(res: http.ServerResponse, a: Exclude<ApiResponse, { raw: true }>, head: boolean, gzipOk: boolean): Promise<void> {
  for (const [k, v] of Object.entries(a.headers ?? {})) res.setHeader(k, v);
  const status = a.status ?? 200;
  if (a.text === undefined && a.body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const contentType = a.text !== undefined ? (a.contentType ?? 'text/plain; charset=utf-8') : 'application/json; charset=utf-8';
  const payload = a.text !== undefined ? a.text : JSON.stringify(a.body);
  const size = typeof payload === 'string' ? payload.length : payload.byteLength;
  if (size >= COMPRESS_FROM_BYTES) res.setHeader('vary', 'accept-encoding');
  if (gzipOk && !head && size >= COMPRESS_FROM_BYTES) {
    // Level 1 in the thread pool: JSON shrinks ~10x at a fraction of the default level's CPU, off the event loop.
    const zipped = await gzipAsync(payload, { level: zlibConstants.Z_BEST_SPEED });
    res.writeHead(status, { 'content-type': contentType, 'content-encoding': 'gzip', 'content-length': zipped.byteLength });
    res.end(zipped);
    return;
  }
  res.writeHead(status, { 'content-type': contentType });
  res.end(head ? undefined : payload);
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
