import http from 'node:http';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { parseExposition, type Sample } from '../../lib/metrics/exposition';
import { startDemo, type RunningDemo } from './index';
import type { AppTuning } from './apps';
import { mulberry32 } from '../../lib/stats/simulate';

/** A seeded PRNG (mulberry32): demo tests are statistical but repeatable. */
export function seededRandom(seed: number): () => number {
  return mulberry32(seed);
}

export interface DemoFixture {
  demo: RunningDemo;
  dataDir: string;
  configDir: string;
  /** GET through the ingress gateway. */
  get(pathname: string, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  /** GET straight to a pod's port (as a caller without a sidecar). */
  getDirect(workload: string, pathname: string, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  /** Parsed /stats/prometheus of a workload. */
  stats(workload: string): Promise<Sample[]>;
  rawStats(workload: string): Promise<string>;
  /** Writes a config file and waits until the demo has applied it; returns the milliseconds it took. */
  applyConfig(file: string, yaml: string): Promise<number>;
  close(): Promise<void>;
}

function request(host: string, port: number, pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path: pathname, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
  });
}

/** Starts a demo with no background load (tests drive the traffic) in a temp folder. */
export async function startDemoFixture(opts: { seed?: number; tuning?: AppTuning } = {}): Promise<DemoFixture> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'meshlens-demo-'));
  const configDir = path.join(dataDir, 'demo', 'config');
  const demo = await startDemo({ dataDir, configDir, rps: 0, log: pino({ level: 'silent' }), random: seededRandom(opts.seed ?? 7), ...(opts.tuning ? { tuning: opts.tuning } : {}) });
  const addr = (w: string) => {
    const a = demo.addresses[w];
    if (!a) throw new Error(`no workload ${w}`);
    return a;
  };
  return {
    demo,
    dataDir,
    configDir,
    get: (p, h) => request('127.0.0.1', addr('istio-ingressgateway').port, p, { host: 'bookinfo.example.com', ...h }),
    getDirect: (w, p, h) => request('127.0.0.1', addr(w).port, p, h),
    rawStats: async (w) => (await request('127.0.0.1', addr(w).port, '/stats/prometheus')).body,
    stats: async (w) => parseExposition((await request('127.0.0.1', addr(w).port, '/stats/prometheus')).body).samples,
    async applyConfig(file, yaml) {
      const before = demo.configStore.version;
      const t0 = Date.now();
      // Atomic (temp + rename), as GitOps tools and editors do: a poll must never see half a file.
      const tmp = path.join(configDir, `.${file}.tmp`);
      await writeFile(tmp, yaml);
      await rename(tmp, path.join(configDir, file));
      while (demo.configStore.version === before) {
        if (Date.now() - t0 > 5000) throw new Error(`config change in ${file} was not applied within 5 s`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return Date.now() - t0;
    },
    async close() {
      await demo.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Sums samples of `name` whose labels include all of `match`. */
export function sum(samples: Sample[], name: string, match: Record<string, string> = {}): number {
  let total = 0;
  for (const s of samples) {
    if (s.name !== name) continue;
    if (Object.entries(match).every(([k, v]) => s.labels[k] === v)) total += s.value;
  }
  return total;
}

/** Sends `n` page loads through the gateway, `concurrency` at a time. */
export async function load(f: DemoFixture, n: number, pathname = '/productpage', headers?: Record<string, string>, concurrency = 16): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next++;
        statuses.push((await f.get(pathname, headers)).status);
      }
    }),
  );
  return statuses;
}
