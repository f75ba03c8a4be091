/**
 * Attacks on the HTTP edge and the scraper, shared by the hostile-input suite (edge.int.test.ts) and its bench
 * (bench/hostile-edge.bench.ts): slow-loris sockets, and fake scrape targets that answer what a hostile or broken
 * Envoy could (endless chunked bodies, gzip bombs, huge labels, a million series, a megabyte line).
 */
import net from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import { scrapeTargetsSchema, type ScrapeTarget } from '../../lib/api/metrics';
import { FLOWS } from '../../lib/graph/testdata/fixture';
import { renderIstioExposition } from '../../lib/metrics/istio';
import { proxyTraffic } from '../sources/metrics/testing/fake-envoy';
import { startApiServer } from '../testing/api-server';
import { underAttack } from '../testing/hostile';

export type TargetAttack = 'endless-chunked' | 'gzip-bomb' | 'huge-label' | 'long-label' | 'million-series' | 'megabyte-line';

export interface HostileTarget {
  url: string;
  /** Until armed the target answers honestly (so a scraper has a baseline); then it answers the attack. */
  arm(): void;
  close(): Promise<void>;
}

/** A gzip body that inflates to `bytes` of zeros, built by streaming (never holding the inflated bytes). */
export async function gzipBomb(bytes: number): Promise<Buffer> {
  const gz = zlib.createGzip({ level: 9 });
  const out: Buffer[] = [];
  gz.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((r) => gz.on('end', r));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let left = bytes; left > 0; left -= zeros.length) {
    if (!gz.write(left >= zeros.length ? zeros : zeros.subarray(0, left))) await new Promise((r) => gz.once('drain', r));
  }
  gz.end();
  await done;
  return Buffer.concat(out);
}

/** The productpage proxy's honest exposition after `elapsedSec` (so the graph has a real edge next to the attack). */
function honest(elapsedSec: number): string {
  return renderIstioExposition(proxyTraffic(FLOWS, 'bookinfo/productpage-v1', elapsedSec));
}

/** An istio_requests_total line whose destination workload is `workload` (selected by a bookinfo graph). */
function requestLine(workload: string, value: number, extra = ''): string {
  return (
    `istio_requests_total{reporter="source",source_workload="productpage-v1",source_workload_namespace="bookinfo",source_app="productpage",` +
    `destination_workload="${workload}",destination_workload_namespace="bookinfo",destination_app="x",destination_service="x.bookinfo.svc.cluster.local",` +
    `destination_service_name="x",destination_service_namespace="bookinfo",request_protocol="http",response_code="200",response_flags="-"${extra}} ${value}`
  );
}

// The target runs on its own thread, so its own work (writing 35 MB, pumping an endless body) never shows up as the
// server's stall in the health probe. Plain JS, evaluated in a Worker; bodies are made once, before the attack.
const TARGET_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { attack, honest, payload } = workerData;
let armed = false, n = 0;
const chunk = Buffer.from(Array.from({ length: 2048 }, (_, i) => 'envoy_filler_total{i="' + i + '"} 1\\n').join(''));
const server = http.createServer((req, res) => {
  res.on('error', () => {});
  const text = honest[Math.min(n++, honest.length - 1)];
  if (!armed) return void res.end(text);
  if (attack === 'endless-chunked') {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    const pump = () => { while (!res.destroyed && res.write(chunk)); if (!res.destroyed) res.once('drain', pump); };
    return void pump();
  }
  if (attack === 'gzip-bomb') {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4', 'content-encoding': 'gzip', 'content-length': String(payload.length) });
    return void res.end(payload);
  }
  res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
  res.write(text);
  res.end(payload);
});
server.keepAliveTimeout = 1;
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (m) => {
  if (m === 'arm') armed = true;
  if (m === 'close') { server.closeAllConnections(); server.close(() => parentPort.postMessage('closed')); }
});
`;

/** The attack's body (after the honest part), made once. */
function payloadOf(attack: TargetAttack, bomb: Buffer | undefined): Buffer {
  switch (attack) {
    case 'endless-chunked':
      return Buffer.alloc(0);
    case 'gzip-bomb':
      return bomb ?? Buffer.alloc(0);
    case 'huge-label':
      return Buffer.from(requestLine('x'.repeat(10 * 1024 * 1024), 1) + '\n');
    case 'long-label':
      return Buffer.from(requestLine('y'.repeat(4096), 1) + '\n');
    case 'million-series':
      return Buffer.from(Array.from({ length: 1_000_000 }, (_, i) => `istio_requests_total{i="${i}"} 1`).join('\n') + '\n');
    case 'megabyte-line':
      return Buffer.from(requestLine('z', 1, `,pad="${'p'.repeat(1024 * 1024)}"`) + '\n');
  }
}

/** Starts a loopback target (on its own thread) serving one attack at `/stats/prometheus` once armed. */
export async function startHostileTarget(attack: TargetAttack, bomb?: Buffer): Promise<HostileTarget> {
  // Honest answers for the first scrapes, counters growing 5 s apart (the scrape interval the suite uses).
  const honestBodies = Array.from({ length: 40 }, (_, i) => honest(60 + 5 * i));
  const worker = new Worker(TARGET_THREAD, { eval: true, workerData: { attack, honest: honestBodies, payload: payloadOf(attack, bomb) } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port: number }) => resolve(m.port));
    worker.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${port}/stats/prometheus`,
    arm: () => worker.postMessage('arm'),
    close: async () => {
      const closed = new Promise((r) => worker.once('message', r));
      worker.postMessage('close');
      await Promise.race([closed, new Promise((r) => setTimeout(r, 2000))]);
      await worker.terminate();
    },
  };
}

/**
 * Opens `count` connections from `localAddress` (another loopback address, so the probe's own address keeps its
 * connection share) that send a request line and then one header byte every `dripMs`, never finishing. Resolves with
 * the milliseconds until the server had closed every one (or `giveUpMs`), and how many it refused with 429.
 */
export async function slowLoris(baseUrl: string, o: { count: number; dripMs: number; giveUpMs: number; localAddress?: string }): Promise<{ allClosedMs: number; closed: number; refused429: number }> {
  const u = new URL(baseUrl);
  const t0 = performance.now();
  let closed = 0;
  let refused429 = 0;
  const sockets: net.Socket[] = [];
  const timers: NodeJS.Timeout[] = [];
  const allClosed = new Promise<void>((resolve) => {
    for (let i = 0; i < o.count; i++) {
      const s = net.connect({ host: u.hostname, port: Number(u.port), localAddress: o.localAddress ?? '127.0.0.2' });
      sockets.push(s);
      s.on('data', (d: Buffer) => {
        if (d.toString('latin1').startsWith('HTTP/1.1 429')) refused429++;
      });
      s.on('error', () => undefined);
      s.on('close', () => {
        if (++closed === o.count) resolve();
      });
      s.on('connect', () => {
        s.write(`GET /api/health HTTP/1.1\r\nHost: ${u.host}\r\nX-Slow: `);
        timers.push(setInterval(() => s.writable && s.write('a'), o.dripMs));
      });
    }
  });
  const giveUp = new Promise<void>((r) => setTimeout(r, o.giveUpMs).unref());
  await Promise.race([allClosed, giveUp]);
  const allClosedMs = performance.now() - t0;
  for (const t of timers) clearInterval(t);
  for (const s of sockets) s.destroy();
  return { allClosedMs, closed, refused429 };
}

/** A full garbage collection, so an RSS baseline is not inflated by an earlier attack's garbage. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/**
 * Samples this process's RSS every 10 ms while `fn` runs; resolves with its value and the peak growth in MB over a
 * baseline taken right after a full GC.
 */
export async function peakRssGrowth<T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  collectGarbage();
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peakMb: (peak - base) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

export interface TargetAttackRun {
  target: ScrapeTarget;
  elapsedMs: number;
  worstHealthMs: number;
  peakRssMb: number;
  /** Prometheus text of the server's own /metrics after the attack. */
  metrics: string;
  graph: { status: number; text: string };
}

async function waitFor(cond: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`condition not met in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A server scraping one hostile target every 5 s: two honest scrapes first (so the graph has rates), then the attack
 * is armed and the first scrape that started after it is measured (time, health, RSS growth of this process).
 */
export async function runTargetAttack(attack: TargetAttack, o: { bomb?: Buffer; maxMs: number }): Promise<TargetAttackRun> {
  const hostile = await startHostileTarget(attack, o.bomb);
  const fx = await startApiServer({ scrapeTargets: [hostile.url], scrapeIntervalMs: 5000 });
  try {
    const targets = async () => scrapeTargetsSchema.parse((await fx.call('GET', '/api/metrics/targets')).body);
    const firstAt = Date.now();
    await waitFor(async () => (await targets()).some((t) => t.up && t.lastScrape !== null && Date.parse(t.lastScrape) > firstAt + 1000), 30_000);
    const armedAt = Date.now();
    const { value: r, peakMb } = await peakRssGrowth(() =>
      underAttack(fx.url, async () => {
        hostile.arm();
        let seen: ScrapeTarget | undefined;
        await waitFor(async () => {
          seen = (await targets()).find((t) => t.lastScrape !== null && Date.parse(t.lastScrape) >= armedAt);
          return seen !== undefined;
        }, o.maxMs);
        return seen as ScrapeTarget;
      }),
    );
    const metrics = (await fx.call('GET', '/metrics')).body as string;
    const graph = await fx.call('GET', '/api/namespaces/graph?namespaces=bookinfo&duration=60s&graphType=workload');
    return { target: r.value, elapsedMs: r.elapsedMs, worstHealthMs: r.worstHealthMs, peakRssMb: peakMb, metrics, graph: { status: graph.status, text: JSON.stringify(graph.body) } };
  } finally {
    await fx.close();
    await hostile.close();
  }
}
