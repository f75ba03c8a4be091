import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphResponseSchema, graphPath, type GraphResponse } from '../../lib/api/graph';
import { graphItemMetricsSchema, scrapeTargetsSchema } from '../../lib/api/metrics';
import { itemTrafficFiguresSchema, overviewTrafficSchema, serviceTrafficFiguresSchema } from '../../lib/api/traffic-figures';
import { buildGraph } from '../../lib/graph/build-graph';
import { emptyMeshConfig } from '../../lib/graph/appenders/types';
import { FLOWS, telemetryOf } from '../../lib/graph/testdata/fixture';
import { summarize } from '../../lib/graph/testdata/summary';
import { parseGraphQuery } from '../../lib/graph/request';
import { HttpError } from '../http/errors';
import { Router, type ApiRequest, type Route } from '../http/router';
import { callRoute } from '../testing/call-route';
import { startFakeMesh, type FakeMesh } from '../sources/metrics/testing/fake-envoy';
import { testCore } from '../sources/metrics/testing/core-stub';
import { startGraph } from './graph';

const T0 = 1_700_000_000_000;
let clock = T0;
let mesh: FakeMesh;
let feature: Awaited<ReturnType<typeof startGraph>>;
let core: ReturnType<typeof testCore>;

/** Calls a GET route through the router (routes with `:params` too). */
async function call(routes: Route[], p: string): Promise<unknown> {
  const router = new Router();
  router.add(...routes);
  const url = new URL(`http://127.0.0.1${p}`);
  const m = router.match('GET', url.pathname);
  if (!m || m.route.path === url.pathname) return callRoute(routes, p, 't');
  const res = await m.route.handler({ method: 'GET', url, params: m.params, headers: {}, requestId: 't' } as unknown as ApiRequest);
  return 'body' in res ? res.body : undefined;
}

async function status(path: string): Promise<number> {
  try {
    await call(feature.routes, path);
    return 200;
  } catch (err) {
    if (err instanceof HttpError) return err.status;
    throw err;
  }
}

beforeAll(async () => {
  mesh = await startFakeMesh(FLOWS, () => (clock - T0) / 1000, (proxy) => (proxy === 'bookinfo/details-v1' ? 'this line is not an exposition line\n' : ''));
  core = testCore({ scrapeTargets: [...mesh.urls.values()], scrapeIntervalMs: 10_000 }, () => clock);
  feature = await startGraph(core, { store: { maxSamplesPerSeries: 64 } });
  // The first scrape starts with the feature; drive the next ones on the test clock, every 10s.
  await new Promise((r) => setTimeout(r, 50));
  for (let i = 0; i < 8; i++) {
    clock += 10_000;
    await feature.scraper?.scrapeOnce();
  }
});

afterAll(async () => {
  await feature.stop?.();
  await mesh.close();
});

describe('graph feature over the embedded scraper', () => {
  it.each(['versionedApp', 'app', 'workload', 'service'] as const)('rebuilds the known %s graph exactly from scraped Envoy metrics', async (graphType) => {
    const got = graphResponseSchema.parse(await call(feature.routes, graphPath({ namespaces: ['bookinfo'], graphType, duration: '60s' })));
    const options = parseGraphQuery(new URLSearchParams({ namespaces: 'bookinfo', graphType, duration: '60s' }), clock / 1000);
    if (typeof options === 'string') throw new Error(options);
    const want: GraphResponse = buildGraph({ options, telemetry: telemetryOf(FLOWS), config: emptyMeshConfig() });
    expect(summarize(got)).toBe(summarize(want));
    expect(got.elements.edges.length).toBeGreaterThan(5);
  });

  it('replays an earlier window with queryTime', async () => {
    const early = graphResponseSchema.parse(await call(feature.routes, graphPath({ namespaces: ['bookinfo'], duration: '60s', queryTime: (T0 + 5_000) / 1000 })));
    expect(early.elements.nodes).toEqual([]);
    expect(early.timestamp).toBe((T0 + 5_000) / 1000);
  });

  it('answers an unknown namespace with a 404 and a message, never an empty graph (CONTRACT §3)', async () => {
    for (const path of [graphPath({ namespaces: ['nope'] }), '/api/overview/traffic?namespaces=nope', '/api/namespaces/nope/services/reviews/traffic', '/api/traffic/item?namespaces=nope&id=svc:Kubernetes:nope:x']) {
      await expect(call(feature.routes, path), path).rejects.toMatchObject({ status: 404, message: expect.stringContaining('no namespace "nope"') });
    }
    // One known and one unknown: still a 404 naming the unknown one.
    await expect(call(feature.routes, graphPath({ namespaces: ['bookinfo', 'nope'] }))).rejects.toMatchObject({ status: 404 });
  });

  it('serves the figures the graph shows: service, item and overview endpoints', async () => {
    const g = graphResponseSchema.parse(await call(feature.routes, graphPath({ namespaces: ['bookinfo'], graphType: 'versionedApp', duration: '60s', injectServiceNodes: true })));
    const svc = serviceTrafficFiguresSchema.parse(await call(feature.routes, '/api/namespaces/bookinfo/services/reviews/traffic?duration=60s'));
    const node = g.elements.nodes.find((n) => n.data.id === 'svc:Kubernetes:bookinfo:reviews')?.data;
    const httpIn = node?.traffic?.find((t) => t.protocol === 'http');
    expect(svc.inbound.requests.rate).toBeCloseTo(httpIn?.protocol === 'http' ? (httpIn.rates.httpIn ?? 0) : -1, 2);
    expect(svc.health.status).toBe(node?.healthStatus);
    const v3 = svc.versions.find((v) => v.version === 'v3');
    expect(v3?.evidence.requests).toBe(60);
    expect(v3?.evidence.failures).toBe(30);
    const item = itemTrafficFiguresSchema.parse(await call(feature.routes, `/api/traffic/item?namespaces=bookinfo&duration=60s&id=${encodeURIComponent('vapp:Kubernetes:bookinfo:reviews-v3')}`));
    expect(item.inbound.errors.percent).toBe(50);
    expect(item.health.reason?.text).toBe('Failure: 50% 5xx (URX) of requests received (≥ 20%)');
    const mongo = serviceTrafficFiguresSchema.parse(await call(feature.routes, '/api/namespaces/bookinfo/services/mongodb/traffic?duration=60s'));
    expect(mongo.inbound.protocols).toEqual(['tcp']);
    expect(mongo.inbound.throughput.tcpBytesPerSec).toBeCloseTo(500, 3);
    const o = overviewTrafficSchema.parse(await call(feature.routes, '/api/overview/traffic?namespaces=bookinfo,istio-system&duration=60s'));
    expect(o.namespaces.find((n) => n.namespace === 'istio-system')?.outbound.requests.rate).toBeCloseTo(10, 2);
  });

  it('reports target health and counts malformed lines', async () => {
    const targets = scrapeTargetsSchema.parse(await call(feature.routes, '/api/metrics/targets'));
    expect(targets).toHaveLength(mesh.urls.size);
    expect(targets.every((t) => t.up && t.lastError === null && (t.series ?? 0) > 0)).toBe(true);
    const errors = await core.registry.getSingleMetricAsString('meshlens_scrape_errors_total');
    expect(errors).toMatch(/meshlens_scrape_errors_total\{reason="malformed_line"\} 9/);
  });

  it('answers time series for a node and an edge', async () => {
    const node = graphItemMetricsSchema.parse(await call(feature.routes, '/api/metrics/graph-item?id=wl:Kubernetes:bookinfo:reviews-v3&duration=60s&step=10s'));
    expect(node).toMatchObject({ kind: 'node', direction: 'inbound', step: 10 });
    const last = (name: 'requestRate' | 'errorRate' | 'p50') => node.series[name]?.at(-1)?.[1];
    expect(last('requestRate')).toBeCloseTo(1, 6);
    expect(last('errorRate')).toBeCloseTo(0.5, 6);
    expect(last('p50')).toBeGreaterThan(0);
    const edge = graphItemMetricsSchema.parse(
      await call(feature.routes, `/api/metrics/graph-item?id=${encodeURIComponent('wl:Kubernetes:bookinfo:ratings-v1>wl:Kubernetes:bookinfo:mongodb-v1>tcp')}&duration=60s&step=10s`),
    );
    expect(edge.series.tcpSent?.at(-1)?.[1]).toBeCloseTo(500, 6);
    expect(edge.series.requestRate).toBeUndefined();
  });

  it.each([
    ['/api/namespaces/graph', 400],
    ['/api/namespaces/graph?namespaces=', 400],
    ['/api/namespaces/graph?namespaces=bookinfo&graphType=mesh', 400],
    ['/api/namespaces/graph?namespaces=bookinfo&duration=soon', 400],
    ['/api/namespaces/graph?namespaces=bookinfo&duration=0s', 400],
    ['/api/namespaces/graph?namespaces=Bad_NS', 400],
    ['/api/namespaces/graph?namespaces=bookinfo&injectServiceNodes=maybe', 400],
    ['/api/namespaces/graph?namespaces=bookinfo&queryTime=yesterday', 400],
    ['/api/namespaces/graph?namespaces=bookinfo&boxBy=planet', 400],
    ['/api/metrics/graph-item', 400],
    ['/api/metrics/graph-item?id=nonsense', 400],
    ['/api/metrics/graph-item?id=unknown:unknown', 400],
    ['/api/metrics/graph-item?id=wl:c:ns:w&direction=sideways', 400],
    ['/api/metrics/graph-item?id=wl:c:ns:w&duration=1h&step=100ms', 400],
    ['/api/namespaces/graph?namespaces=bookinfo,istio-system&graphType=app&duration=5m&injectServiceNodes=false', 200],
  ])('%s → %d', async (path, want) => {
    expect(await status(path)).toBe(want);
  });
});

describe('scrape failures', () => {
  it('marks unreachable and failing targets down with the reason', async () => {
    const c = testCore({ scrapeTargets: ['http://127.0.0.1:1/stats/prometheus', `${[...mesh.urls.values()][0]?.replace('/stats/prometheus', '/nope')}`] });
    const f = await startGraph(c);
    await f.scraper?.scrapeOnce();
    const targets = scrapeTargetsSchema.parse(await call(f.routes, '/api/metrics/targets'));
    await f.stop?.();
    expect(targets.map((t) => t.up)).toEqual([false, false]);
    expect(targets[0]?.lastError).toMatch(/ECONNREFUSED|fetch failed/);
    expect(targets[1]?.lastError).toBe('HTTP 404 Not Found');
    expect(await c.registry.getSingleMetricAsString('meshlens_scrape_failures_total')).toMatch(/ [1-9]\d*$/m);
  });
});
