import { FORWARDED_TRACE_HEADERS, type HeaderMap } from './tracing/types';
import type { AppContext, AppRequest, AppResponse, HttpApp, TcpApp } from './sidecar/app-types';

/** Random numbers for the apps' own behaviour (service time, injected failures); injected for tests. */
export interface AppRandom {
  /** Uniform in [0, 1). */
  next(): number;
}

export interface AppTuning {
  /** Share of ratings requests that fail with 503 (Bookinfo-like flakiness). */
  ratingsErrorRate: number;
  /** Extra latency of reviews-v3 in ms. */
  reviewsV3ExtraMs: number;
}

export const DEFAULT_TUNING: AppTuning = { ratingsErrorRate: 0.04, reviewsV3ExtraMs: 60 };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Bookinfo's apps copy these headers from the inbound request to every outbound call (for tracing). */
function forwarded(req: AppRequest): HeaderMap {
  const out: HeaderMap = {};
  for (const k of FORWARDED_TRACE_HEADERS) if (req.headers[k] !== undefined) out[k] = req.headers[k] as string;
  return out;
}

const json = (status: number, body: unknown): AppResponse => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** productpage: renders the page from details and reviews; a logged-in user (session cookie) is passed on as `end-user`. */
export function productpage(rand: AppRandom): HttpApp {
  return async (req: AppRequest, ctx: AppContext) => {
    const path = req.path.split('?')[0];
    if (path !== '/productpage' && !path?.startsWith('/api/v1/products')) return json(404, { error: 'not found' });
    await sleep(1 + rand.next() * 4);
    const headers = forwarded(req);
    const user = /(?:^|;\s*)session=([a-z]+)/.exec(req.headers.cookie ?? '')?.[1];
    if (user) headers['end-user'] = user;
    const [details, reviews] = await Promise.all([
      ctx.call('details:9080', '/details/0', { headers }),
      ctx.call('reviews:9080', '/reviews/0', { headers }),
    ]);
    // Like Bookinfo, the page still renders when a backend fails, with an error in that section.
    return json(200, {
      product: 'The Comedy of Errors',
      details: details.status === 200 ? JSON.parse(details.body.toString() || '{}') : { error: `details unavailable (${details.status})` },
      reviews: reviews.status === 200 ? JSON.parse(reviews.body.toString() || '{}') : { error: `reviews unavailable (${reviews.status})` },
    });
  };
}

/** details: book metadata, enriched from the external book API (through the ServiceEntry). */
export function details(rand: AppRandom): HttpApp {
  return async (req, ctx) => {
    if (!req.path.startsWith('/details')) return json(404, { error: 'not found' });
    await sleep(1 + rand.next() * 3);
    const ext = await ctx.call('api.openlibrary.example', '/books/v1/volumes?q=isbn:0486424618', { headers: forwarded(req) });
    const extra = ext.status === 200 ? (JSON.parse(ext.body.toString() || '{}') as { publisher?: string }) : {};
    return json(200, { id: 0, author: 'William Shakespeare', year: 1595, type: 'paperback', pages: 200, publisher: extra.publisher ?? 'PublisherA', language: 'English', ISBN_10: '1234567890' });
  };
}

/** reviews: v1 shows no stars; v2 (black) and v3 (red, slower) fetch ratings. */
export function reviews(version: 'v1' | 'v2' | 'v3', rand: AppRandom, tuning: AppTuning): HttpApp {
  return async (req, ctx) => {
    if (!req.path.startsWith('/reviews')) return json(404, { error: 'not found' });
    await sleep(2 + rand.next() * 6 + (version === 'v3' ? tuning.reviewsV3ExtraMs * (0.7 + rand.next() * 0.6) : 0));
    const base = { id: '0', podname: `reviews-${version}`, clustername: 'null' };
    if (version === 'v1') return json(200, { ...base, reviews: [{ reviewer: 'Reviewer1', text: 'An extremely entertaining play by Shakespeare.' }] });
    const r = await ctx.call('ratings:9080', '/ratings/0', { headers: forwarded(req) });
    const stars = r.status === 200 ? (JSON.parse(r.body.toString() || '{}') as { ratings?: Record<string, number> }).ratings : undefined;
    return json(200, { ...base, reviews: [{ reviewer: 'Reviewer1', rating: stars ? { stars: stars.Reviewer1, color: version === 'v2' ? 'black' : 'red' } : { error: 'Ratings service is currently unavailable' } }] });
  };
}

/** ratings: reads from MongoDB over TCP; a small share of requests fail. */
export function ratings(rand: AppRandom, tuning: AppTuning): HttpApp {
  return async (req, ctx) => {
    if (!req.path.startsWith('/ratings')) return json(404, { error: 'not found' });
    await sleep(1 + rand.next() * 3);
    if (rand.next() < tuning.ratingsErrorRate) return json(503, { error: 'could not connect to ratings database' });
    const reply = await ctx.tcp('mongodb:27017', Buffer.from(JSON.stringify({ find: 'ratings', filter: { productId: 0 } })));
    const doc = JSON.parse(reply.toString().trim() || '{}') as { rating?: number[] };
    return json(200, { id: 0, ratings: { Reviewer1: doc.rating?.[0] ?? 5, Reviewer2: doc.rating?.[1] ?? 4 } });
  };
}

/** mongodb: a line protocol standing in for the wire protocol — one JSON query per line, one JSON reply per line. */
export function mongodb(): TcpApp {
  return (line) => {
    try {
      const q = JSON.parse(line.toString()) as { find?: string };
      if (q.find === 'ratings') return Buffer.from(JSON.stringify({ ok: 1, rating: [5, 4] }));
      return Buffer.from(JSON.stringify({ ok: 0, errmsg: 'unknown collection' }));
    } catch {
      return Buffer.from(JSON.stringify({ ok: 0, errmsg: 'bad query' }));
    }
  };
}

/** The external book API behind the ServiceEntry (no sidecar: it lives outside the mesh). */
export function externalBooks(): HttpApp {
  return async () => json(200, { kind: 'books#volumes', totalItems: 1, publisher: 'Dover Publications' });
}

/** The legacy caller has no sidecar; it only answers health checks. */
export function legacyClient(): HttpApp {
  return async () => json(200, { status: 'ok' });
}

/** The ingress gateway has no app: the proxy itself routes by the gateway's VirtualServices. */
export function gatewayForwarder(): HttpApp {
  return async (req, ctx) => {
    const { connection: _c, 'transfer-encoding': _t, 'content-length': _l, 'keep-alive': _k, ...headers } = req.headers;
    const r = await ctx.call(req.headers.host ?? 'bookinfo.example.com', req.path, { method: req.method, headers, body: req.body });
    return { status: r.status, headers: { 'content-type': r.headers['content-type'] ?? 'text/plain' }, body: r.body };
  };
}
