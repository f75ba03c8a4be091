/**
 * The graph from a real Prometheus (Debian's /usr/bin/prometheus scraping the demo mesh through its file_sd
 * targets) equals the graph from the embedded scraper: same nodes and edges, rates within 10%.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphPath, graphResponseSchema, type EdgeData, type GraphResponse, type GraphType } from '../../lib/api/graph';
import { scrapeTargetsSchema } from '../../lib/api/metrics';
import { startDemo, type RunningDemo } from '../demo';
import { HttpError } from '../http/errors';
import type { Route } from '../http/router';
import { callRoute } from '../testing/call-route';
import type { PrometheusSource } from '../sources/metrics/prometheus-source';
import { testCore } from '../sources/metrics/testing/core-stub';
import { startGraph } from './graph';

const PROMETHEUS = '/usr/bin/prometheus';
const RPS = 20;
const WINDOW = '30s';

let tmp = '';
let demo: RunningDemo;
let prom: ChildProcess | undefined;
let promUrl = '';
let embedded: Awaited<ReturnType<typeof startGraph>>;
let viaProm: Awaited<ReturnType<typeof startGraph>>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const call = (routes: Route[], p: string) => callRoute(routes, p, 'int');

const rateOf = (e: EdgeData) => (e.traffic.rates as Record<string, number | undefined>)[e.traffic.protocol] ?? 0;

describe.skipIf(!existsSync(PROMETHEUS))('graph from Prometheus vs embedded', () => {
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'meshlens-graph-prom-'));
    const log = pino({ level: 'silent' });
    demo = await startDemo({ dataDir: tmp, configDir: path.join(tmp, 'demo', 'config'), rps: RPS, log });
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    const config = path.join(tmp, 'prometheus.yml');
    await writeFile(
      config,
      [
        'global:',
        '  scrape_interval: 1s',
        '  scrape_timeout: 1s',
        'scrape_configs:',
        '  - job_name: envoy',
        '    file_sd_configs:',
        `      - files: ['${path.join(tmp, 'demo', 'targets.json')}']`,
        '        refresh_interval: 1s',
        '',
      ].join('\n'),
    );
    prom = spawn(PROMETHEUS, [`--config.file=${config}`, `--storage.tsdb.path=${path.join(tmp, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: 'ignore' });
    await waitFor('Prometheus to be ready', async () => (await fetch(`${promUrl}/-/ready`)).ok, 30_000);

    const base = { configStore: demo.configStore, demo };
    embedded = await startGraph({ ...testCore({ scrapeIntervalMs: 1000, demo: true }), ...base });
    viaProm = await startGraph({ ...testCore({ prometheusUrl: promUrl }), ...base }, { prometheusTimeoutMs: 10_000 });
    // Both need a full window of samples.
    await waitFor(
      'both sources to see the mesh',
      async () => {
        const targets = scrapeTargetsSchema.parse(await call(viaProm.routes, '/api/metrics/targets'));
        return targets.length > 5 && targets.every((t) => t.up);
      },
      30_000,
    );
    await new Promise((r) => setTimeout(r, 35_000));
  }, 120_000);

  afterAll(async () => {
    await embedded?.stop?.();
    await viaProm?.stop?.();
    if (prom && prom.exitCode === null) {
      const exited = new Promise((r) => prom?.once('exit', r));
      prom.kill('SIGTERM');
      await exited;
    }
    await demo?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function both(graphType: GraphType): Promise<[GraphResponse, GraphResponse]> {
    // The same window for both, ending a little in the past so both have scraped it.
    const queryTime = Math.floor(Date.now() / 1000) - 2;
    const p = graphPath({ namespaces: ['bookinfo'], graphType, duration: WINDOW, queryTime });
    const [a, b] = await Promise.all([call(embedded.routes, p), call(viaProm.routes, p)]);
    return [graphResponseSchema.parse(a), graphResponseSchema.parse(b)];
  }

  it.each(['versionedApp', 'workload', 'app', 'service'] as GraphType[])('%s graph: same nodes and edges, rates within 10 percent', async (graphType) => {
    const [emb, pro] = await both(graphType);
    const ids = (g: GraphResponse) => ({ nodes: g.elements.nodes.map((n) => n.data.id).sort(), edges: g.elements.edges.map((e) => e.data.id).sort() });
    expect(emb.elements.edges.length).toBeGreaterThan(5);
    expect(ids(pro)).toEqual(ids(emb));
    const promEdges = new Map(pro.elements.edges.map((e) => [e.data.id, e.data]));
    for (const { data: e } of emb.elements.edges) {
      const p = promEdges.get(e.id) as EdgeData;
      const a = rateOf(e);
      const b = rateOf(p);
      expect(Math.abs(a - b), `${e.id}: embedded ${a} vs prometheus ${b}`).toBeLessThanOrEqual(0.1 * Math.max(a, b));
      // Both see the same share of mTLS traffic (up to the sampling difference of two scrapers).
      expect(p.isMTLS === undefined, `${e.id} mTLS presence`).toBe(e.isMTLS === undefined);
      expect(Math.abs((p.isMTLS ?? 0) - (e.isMTLS ?? 0)), `${e.id} mTLS`).toBeLessThanOrEqual(2);
    }
    // The demo's shape: gateway root outside bookinfo, a caller without a sidecar, TCP to mongodb.
    const nodes = emb.elements.nodes.map((n) => n.data);
    expect(nodes.some((n) => n.nodeType === 'unknown' && n.isRoot)).toBe(true);
    expect(nodes.some((n) => n.isGateway && n.isOutside)).toBe(true);
    expect(emb.elements.edges.some((e) => e.data.traffic.protocol === 'tcp')).toBe(true);
  });

  it('issues a constant number of Prometheus queries whatever the number of namespaces', async () => {
    const source = viaProm.source as PrometheusSource;
    const count = async (namespaces: string[]) => {
      const before = source.queries;
      await call(viaProm.routes, graphPath({ namespaces, duration: WINDOW }));
      return source.queries - before;
    };
    const one = await count(['bookinfo']);
    expect(one).toBe(4);
    expect(await count(['bookinfo', 'istio-system'])).toBe(one);
  });

  it('answers an unknown namespace with a 404 after one look-back query, not an empty graph', async () => {
    const source = viaProm.source as PrometheusSource;
    const before = source.queries;
    const err = await call(viaProm.routes, graphPath({ namespaces: ['bookinfo', 'nope'], duration: WINDOW })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(404);
    expect((err as HttpError).message).toContain('no namespace "nope"');
    // The graph's queries, then one set over the last hour for the namespaces nothing else knows.
    expect(source.queries - before).toBe(8);
  });

  it('answers 503 with a clear message once Prometheus is down', async () => {
    const exited = new Promise((r) => prom?.once('exit', r));
    prom?.kill('SIGTERM');
    await exited;
    const err = await call(viaProm.routes, graphPath({ namespaces: ['bookinfo'], duration: WINDOW })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(503);
    expect((err as HttpError).message).toContain(`Prometheus at ${promUrl} is unreachable`);
  });
});
