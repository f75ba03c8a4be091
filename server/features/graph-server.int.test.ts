/**
 * The graph API over HTTP on the whole server (API only, demo mesh, embedded scraper): CONTRACT §3 shape,
 * the demo's topology, errors as `{"error": {...}}` with a 400.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphPath, graphResponseSchema } from '../../lib/api/graph';
import { graphItemMetricsSchema, scrapeTargetsSchema } from '../../lib/api/metrics';
import { loadConfig } from '../config';
import { startServer } from '../main';

let tmp = '';
let server: Awaited<ReturnType<typeof startServer>>;

async function get(p: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${server.url}${p}`);
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'meshlens-graph-server-'));
  const config = loadConfig(['--port', '0', '--data-dir', tmp, '--demo', '--scrape-interval', '1s', '--demo-rps', '20'], {}, tmp);
  server = await startServer(config, { ui: false, log: pino({ level: 'silent' }) });
  // Several 1s scrapes: every series has samples inside the windows asked below.
  await new Promise((r) => setTimeout(r, 6_000));
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('GET /api/namespaces/graph on the demo', () => {
  it('answers the demo topology in Kiali shape', async () => {
    const res = await get(graphPath({ namespaces: ['bookinfo'], graphType: 'versionedApp', duration: '60s' }));
    expect(res.status).toBe(200);
    const g = graphResponseSchema.parse(res.body);
    expect(g.graphType).toBe('versionedApp');
    expect(g.duration).toBe(60);
    const byId = new Map(g.elements.nodes.map((n) => [n.data.id, n.data]));
    const apps = new Set(g.elements.nodes.map((n) => n.data.app).filter(Boolean));
    for (const app of ['productpage', 'details', 'reviews', 'ratings']) expect(apps).toContain(app);
    const reviews = g.elements.nodes.filter((n) => n.data.app === 'reviews' && n.data.nodeType === 'app').map((n) => n.data.version).sort();
    expect(reviews).toEqual(['v1', 'v2', 'v3']);
    const gateway = g.elements.nodes.find((n) => n.data.isGateway)?.data;
    expect(gateway).toMatchObject({ namespace: 'istio-system', isOutside: true, isRoot: true });
    expect(g.elements.nodes.some((n) => n.data.nodeType === 'unknown')).toBe(true);
    const tcp = g.elements.edges.find((e) => e.data.traffic.protocol === 'tcp');
    expect(byId.get(tcp?.data.target ?? '')?.service ?? byId.get(tcp?.data.target ?? '')?.app).toMatch(/mongodb/);
    const http = g.elements.edges.filter((e) => e.data.traffic.protocol === 'http');
    expect(http.some((e) => (e.data.responseTime ?? 0) > 0 && (e.data.isMTLS ?? 0) > 0)).toBe(true);
  });

  it('reports the demo targets up and answers item metrics', async () => {
    const targets = scrapeTargetsSchema.parse((await get('/api/metrics/targets')).body);
    expect(targets.length).toBeGreaterThan(5);
    expect(targets.filter((t) => t.url.includes('/stats/prometheus')).every((t) => t.up)).toBe(true);
    const m = await get('/api/metrics/graph-item?id=svc:Kubernetes:bookinfo:reviews&duration=60s&step=2s');
    expect(m.status).toBe(200);
    const rate = graphItemMetricsSchema.parse(m.body).series.requestRate ?? [];
    expect(rate).toHaveLength(31);
    expect(rate.at(-1)?.[1]).toBeGreaterThan(0);
  });

  it.each([
    ['/api/namespaces/graph?graphType=app', /namespaces is required/],
    ['/api/namespaces/graph?namespaces=bookinfo&graphType=cluster', /graphType must be one of/],
    ['/api/namespaces/graph?namespaces=bookinfo&duration=abc', /duration must be a duration/],
  ])('%s → 400 with a message', async (p, message) => {
    const res = await get(p);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request', message: expect.stringMatching(message) } });
  });
});
