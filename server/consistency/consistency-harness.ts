/**
 * The consistency suite's fixture: the whole server (API only) with the demo mesh under high load and a 1 s
 * scrape, its config store a folder of YAML files (so a fault is a file write, as GitOps would do it), and GETs
 * that pin every endpoint to the same window (`duration`, `queryTime`), so pages are compared on the same data.
 */
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../config';
import { startServer } from '../main';

export interface ConsistencyFixture {
  url: string;
  configDir: string;
  get(p: string): Promise<unknown>;
  /** Replaces the reviews VirtualService (the first document of the demo's 60-virtual-services.yaml). */
  setReviewsRoute(http: string): Promise<void>;
  stop(): Promise<void>;
}

export const REVIEWS_VS = (http: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts:
  - reviews
  http:
${http}`;

export async function startConsistencyServer(rps = 60): Promise<ConsistencyFixture> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'meshlens-consistency-'));
  const config = loadConfig(['--port', '0', '--data-dir', tmp, '--demo', '--scrape-interval', '1s', '--demo-rps', String(rps)], {}, tmp);
  const server = await startServer(config, { ui: false, log: pino({ level: 'silent' }) });
  const configDir = config.configDir;
  const file = path.join(configDir, '60-virtual-services.yaml');
  return {
    url: server.url,
    configDir,
    async get(p) {
      const res = await fetch(`${server.url}${p}`);
      const body: unknown = await res.json();
      if (res.status !== 200) throw new Error(`${p}: ${res.status} ${JSON.stringify(body)}`);
      return body;
    },
    async setReviewsRoute(http) {
      const docs = (await readFile(file, 'utf8')).split(/^---$/m);
      docs[0] = `${REVIEWS_VS(http)}\n`;
      const tmpFile = path.join(configDir, '.60-virtual-services.yaml.tmp');
      await writeFile(tmpFile, docs.join('---'));
      await rename(tmpFile, file);
    },
    async stop() {
      await server.stop();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
