import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Config } from '../config';
import { DEMO_CONFIG_DIR } from '../demo';
import { startServer, type RunningServer } from '../main';

export interface ApiFixture {
  server: RunningServer;
  url: string;
  dataDir: string;
  configDir: string;
  /** fetch against the server, JSON in and out. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown; headers: Headers }>;
  close(): Promise<void>;
}

/**
 * A real Meshlens server on a free loopback port, API only (no Next), over a temp copy of the demo config.
 * `demo: true` also runs the demo mesh (with the given load).
 */
export async function startApiServer(over: Partial<Config> = {}): Promise<ApiFixture> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'meshlens-api-'));
  const configDir = path.join(dataDir, 'config');
  await cp(DEMO_CONFIG_DIR, configDir, { recursive: true });
  const config: Config = {
    port: 0, host: '127.0.0.1', demo: false, scrapeTargets: [], scrapeIntervalMs: 1000, configDir, inCluster: false, dataDir, logLevel: 'silent', demoRps: 0, dev: false,
    ...over,
  };
  const server = await startServer(config, { ui: false, log: pino({ level: process.env.MESHLENS_TEST_LOG ?? 'silent' }) });
  return {
    server,
    url: server.url,
    dataDir,
    configDir,
    async call(method, p, body, headers = {}) {
      const isText = typeof body === 'string';
      const res = await fetch(server.url + p, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': isText ? 'application/yaml' : 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { body: isText ? body : JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
