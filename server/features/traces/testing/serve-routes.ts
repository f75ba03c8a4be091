import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Registry } from 'prom-client';
import type { Config } from '../../../config';
import type { Core } from '../../../core';
import { HttpError, toErrorResponse } from '../../../http/errors';
import { Router, type ApiRequest, type Method, type Route } from '../../../http/router';

/*
 * A loopback HTTP server for the traces feature's tests and bench: it mounts Routes the way the
 * main server does (router, ApiRequest, JSON errors), so receivers meet real clients over TCP.
 */

export interface RouteServer {
  url: string;
  close(): Promise<void>;
}

export async function serveRoutes(routes: Route[]): Promise<RouteServer> {
  const router = new Router();
  router.add(...routes);
  const server = http.createServer((raw, res) => {
    void handle(router, raw, res);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(router: Router, raw: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  try {
    const url = new URL(raw.url ?? '/', 'http://localhost');
    const match = router.match(raw.method ?? 'GET', url.pathname);
    if (!match) throw new HttpError('not_found', `no route for ${url.pathname}`);
    const readAll = async (limit = 1024 * 1024): Promise<Buffer> => {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const c of raw) {
        size += (c as Buffer).length;
        if (size > limit) throw new HttpError('payload_too_large', `body exceeds ${limit} bytes`);
        chunks.push(c as Buffer);
      }
      return Buffer.concat(chunks);
    };
    const req: ApiRequest = {
      method: (raw.method ?? 'GET') as Method,
      url,
      params: match.params,
      headers: raw.headers,
      body: readAll,
      json: async (limit) => {
        const b = await readAll(limit);
        try {
          return JSON.parse(b.toString('utf8')) as unknown;
        } catch {
          throw new HttpError('bad_request', 'malformed JSON body');
        }
      },
      raw,
      res,
      requestId: randomUUID(),
    };
    const out = await match.route.handler(req);
    if ('raw' in out) return;
    const headers: Record<string, string> = { ...(out.headers ?? {}) };
    if (out.text !== undefined) {
      headers['content-type'] = out.contentType ?? 'text/plain';
      res.writeHead(out.status ?? 200, headers).end(out.text);
    } else {
      headers['content-type'] = 'application/json';
      res.writeHead(out.status ?? 200, headers).end(JSON.stringify(out.body ?? null));
    }
  } catch (err) {
    const e = toErrorResponse(err);
    if (e.status === 500) console.error(err);
    res.writeHead(e.status, { 'content-type': 'application/json', ...(e.headers ?? {}) }).end(JSON.stringify(e.body));
  }
}

/** A Core for tests: silent log, fresh registry, data under `dataDir`. */
export function testCore(dataDir: string, overrides: Partial<Config> = {}, now: () => number = Date.now): Core {
  const config = {
    port: 0,
    host: '127.0.0.1',
    demo: false,
    scrapeTargets: [],
    scrapeIntervalMs: 5000,
    configDir: dataDir,
    inCluster: false,
    dataDir,
    logLevel: 'silent',
    demoRps: 0,
    dev: false,
    ...overrides,
  } satisfies Config;
  return {
    config,
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    configStore: {} as Core['configStore'],
    baseUrl: 'http://127.0.0.1:0',
    now,
  };
}
