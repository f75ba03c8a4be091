import { cp, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { Registry } from 'prom-client';
import type { AuthConfig, Config } from '../../config';
import type { Core } from '../../core';
import { DEMO_CONFIG_DIR } from '../../demo';
import { FEATURES } from '../../features';
import { coreApiFeature } from '../../features/core-api';
import { istioConfigFeature } from '../../features/istio-config';
import { tracesFeature } from '../../features/traces';
import { validateFeature } from '../../features/validate';
import { createHttpServer, type NextHandler } from '../../http/server';
import { ROOT } from '../../main';
import { Router } from '../../http/router';
import { FileConfigStore } from '../../sources/config/file-store';
import { ConfigHistory } from '../../stores/history/journal';
import { callerCredentials, createAuth, type Auth, type AuthOptions } from '../index';

export interface AuthFixture {
  url: string;
  dataDir: string;
  auth: Auth;
  /** The server's clock: tests move it to expire sessions. */
  clock: { now: number; advance(ms: number): void };
  /** fetch with JSON in and out; `cookie` is sent as the Cookie header. */
  call(method: string, path: string, o?: { body?: unknown; cookie?: string; headers?: Record<string, string> }): Promise<{ status: number; body: ApiBody; headers: Headers }>;
  close(): Promise<void>;
}

export type ApiBody = { error?: { code: string; message: string } } & Record<string, unknown>;

/**
 * A real Meshlens API server on a free loopback port wired as main.ts wires it (auth hook, auth routes, the core and
 * Istio config and validate features) over a temp copy of the demo config, without the demo mesh, and with Next's production build
 * only when `ui` is set. Also serves a stand-in
 * span receiver at `/api/v2/spans` (202) so ingest rate limits can be exercised, and `/api/testing/caller`, which
 * answers the credentials a store would write with.
 */
export async function startAuthApiServer(auth: Partial<AuthConfig>, o: { kubeconfig?: string; limits?: AuthOptions['limits']; ui?: boolean; demoConfig?: boolean } = {}): Promise<AuthFixture> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'meshlens-auth-'));
  const configDir = path.join(dataDir, 'config');
  await cp(DEMO_CONFIG_DIR, configDir, { recursive: true });
  const clock = { now: Date.now(), advance: (ms: number) => void (clock.now += ms) };
  const now = () => clock.now;
  const config: Config = {
    port: 0, host: '127.0.0.1', demo: false, scrapeTargets: [], scrapeIntervalMs: 1000, configDir, inCluster: false, dataDir, logLevel: 'silent', demoRps: 0, dev: false,
    ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}),
    auth: { strategy: 'anonymous', anonymousWrites: true, viewOnly: false, editors: [], sessionTtlMs: 3_600_000, sessionKeyFile: path.join(dataDir, 'session.key'), ...auth },
  };
  const log = pino({ level: process.env.MESHLENS_TEST_LOG ?? 'silent' });
  const registry = new Registry();
  const a = await createAuth({ config, log, now, ...(o.limits ? { limits: o.limits } : {}) });
  const store = await FileConfigStore.open({ dir: configDir, log });
  const router = new Router();
  const state: { ready: boolean; next?: NextHandler } = { ready: false };
  const { server } = createHttpServer({ router, log, registry, state, auth: a.hook });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${portOf(server)}`;
  let closeNext: (() => Promise<void>) | undefined;
  if (o.ui) {
    // The production build `npm test` / Playwright's web server already made (no build here: two builds would collide).
    const { default: createNext } = await import('next');
    const app = createNext({ dev: false, dir: ROOT, hostname: '127.0.0.1', port: portOf(server), quiet: true });
    await app.prepare();
    const handler = app.getRequestHandler();
    state.next = (req, res) => handler(req, res);
    closeNext = () => app.close();
  }
  const history = await ConfigHistory.open(dataDir);
  const core: Core = { config, log, registry, configStore: store, history, baseUrl: url, now };
  a.attach(core);
  router.add(...a.routes);
  // With the UI, every feature (pages call them all); without, the few the API tests need.
  const stops: (() => Promise<void>)[] = [];
  for (const f of o.ui ? FEATURES : [coreApiFeature, tracesFeature, istioConfigFeature, validateFeature]) {
    const handle = await f.start(core);
    router.add(...handle.routes);
    if (handle.stop) stops.unshift(() => handle.stop?.() ?? Promise.resolve());
  }
  router.add(
    { method: 'GET', path: '/api/health', handler: () => ({ body: { status: 'ok' } }) },
    // Stand-in for a store write: what credentials would code deep inside a handler act with?
    { method: 'GET', path: '/api/testing/caller', handler: async () => {
      await new Promise((r) => setTimeout(r, 1));
      const c = callerCredentials();
      return { body: { token: c ? `${c.token.slice(0, 3)}…` : null, impersonate: c?.impersonate ?? null } };
    } },
  );
  state.ready = true;
  return {
    url,
    dataDir,
    auth: a,
    clock,
    async call(method, p, { body, cookie, headers = {} } = {}) {
      const res = await fetch(url + p, {
        method,
        redirect: 'manual',
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}), ...headers },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      let parsed: ApiBody = {};
      try {
        parsed = text ? (JSON.parse(text) as ApiBody) : {};
      } catch {
        parsed = { text };
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const stop of stops) await stop().catch(() => undefined);
      await store.close();
      await closeNext?.().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function portOf(server: Server): number {
  const a = server.address();
  return typeof a === 'object' && a ? a.port : 0;
}

/** The `name=value` part of a Set-Cookie header, ready for a Cookie header. */
export function cookieOf(headers: Headers): string {
  return (headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
