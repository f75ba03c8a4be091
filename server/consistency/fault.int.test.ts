/**
 * One truth, on the demo with real HTTP between workloads: after a fault, a delay, a traffic shift, and for the TCP
 * service, every view agrees — the graph's nodes and edges, the side panel's item figures, the service page's
 * figures and canary evidence, and the overview — because each is lib/traffic over the same rows.
 *
 * Tolerances. Views pinned to the same window (`duration`, `queryTime`) read the same telemetry rows and apply
 * the same rules, so they must agree to their rounding: the graph JSON rounds percentages to 0.1 and rates to
 * 0.001, the figures to 0.01 and 0.001, so ±0.15 percentage points and ±0.01 req/s. What the mesh does is
 * statistical: 50 % aborts over N ≥ 120 requests (the demo's load on a busy machine) has a standard deviation of
 * √(0.25/N) ≤ 4.6 points, so "about half" is checked at ±15 points (> 3 σ); the time series of the metrics endpoint use their own rate window and are
 * checked at ±15 points.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphResponseSchema, type EdgeData, type GraphResponse, type NodeData } from '../../lib/api/graph';
import { graphItemMetricsSchema } from '../../lib/api/metrics';
import { itemTrafficFiguresSchema, overviewTrafficSchema, serviceTrafficFiguresSchema, type ItemTrafficFigures, type ServiceTrafficFigures } from '../../lib/api/traffic-figures';
import { sleep, startConsistencyServer, type ConsistencyFixture } from './consistency-harness';

/** Same-data agreement (rounding only), percentage points and req/s. */
const SAME_PTS = 0.15;
const SAME_RPS = 0.011;
/** "About half" of 120+ requests: √(0.25/120) ≈ 4.6 points, so 15 points is over 3 standard deviations. */
const STAT_PTS = 15;
const WINDOW = '6s';
/**
 * Sidecars follow a config file within a second; then the window must hold only post-change traffic, and a series
 * born by the change (the FI aborts) must have been scraped once before the window starts (a counter's first
 * sample is its baseline, as in Prometheus): window + a few scrapes.
 */
const SETTLE_MS = 12_000;

let f: ConsistencyFixture;
let q = '';

const SVC = 'svc:Kubernetes:bookinfo:reviews';
const PP = 'vapp:Kubernetes:bookinfo:productpage-v1';

async function pin(): Promise<void> {
  q = `duration=${WINDOW}&queryTime=${Math.floor(Date.now() / 1000) - 1}`;
}
const graph = async (ns = 'bookinfo'): Promise<GraphResponse> => graphResponseSchema.parse(await f.get(`/api/namespaces/graph?namespaces=${ns}&graphType=versionedApp&injectServiceNodes=true&${q}`));
const item = async (id: string, ns = 'bookinfo'): Promise<ItemTrafficFigures> => itemTrafficFiguresSchema.parse(await f.get(`/api/traffic/item?namespaces=${ns}&id=${encodeURIComponent(id)}&${q}`));
const service = async (name: string): Promise<ServiceTrafficFigures> => serviceTrafficFiguresSchema.parse(await f.get(`/api/namespaces/bookinfo/services/${name}/traffic?${q}`));

function node(g: GraphResponse, id: string): NodeData {
  const n = g.elements.nodes.find((x) => x.data.id === id)?.data;
  if (!n) throw new Error(`no node ${id}`);
  return n;
}
function edge(g: GraphResponse, source: string, target: string, protocol = 'http'): EdgeData {
  const e = g.elements.edges.find((x) => x.data.source === source && x.data.target === target && x.data.traffic.protocol === protocol)?.data;
  if (!e) throw new Error(`no edge ${source} → ${target}`);
  return e;
}
/** The node's received HTTP requests and failed share, as the graph JSON states them. */
function nodeHttpIn(n: NodeData): { rate: number; errPct: number } {
  const t = n.traffic?.find((x) => x.protocol === 'http');
  const r = t?.protocol === 'http' ? t.rates : {};
  const rate = r.httpIn ?? 0;
  return { rate, errPct: rate > 0 ? (((r.httpIn4xx ?? 0) + (r.httpIn5xx ?? 0) + (r.httpInNoResponse ?? 0)) / rate) * 100 : 0 };
}
const edgeHttp = (e: EdgeData) => (e.traffic.protocol === 'http' ? e.traffic.rates : {});

beforeAll(async () => {
  f = await startConsistencyServer(60);
  // Let every demo series be scraped a few times first.
  await sleep(4_000);
}, 60_000);
afterAll(async () => f?.stop());

describe('after a 50% abort on reviews, every view says the same', () => {
  beforeAll(async () => {
    await f.setReviewsRoute(`  - fault:
      abort: {httpStatus: 503, percentage: {value: 50}}
    route:
    - destination: {host: reviews, subset: v1}
      weight: 80
    - destination: {host: reviews, subset: v2}
      weight: 10
    - destination: {host: reviews, subset: v3}
      weight: 10
`);
    await sleep(SETTLE_MS);
    await pin();
  }, 30_000);

  it('graph node and edge, side-panel figures, service figures, canary evidence and overview agree', async () => {
    const [g, svcItem, ppItem, edgeItem, s, o] = await Promise.all([
      graph(),
      item(SVC),
      item(PP),
      item(`${PP}>${SVC}>http`),
      service('reviews'),
      f.get(`/api/overview/traffic?namespaces=bookinfo,istio-system&${q}`).then((b) => overviewTrafficSchema.parse(b)),
    ]);
    const n = nodeHttpIn(node(g, SVC));
    const e = edgeHttp(edge(g, PP, SVC));
    // About half the requests to reviews were aborted at productpage's proxy (FI) and reached no version.
    expect(s.unserved.percent ?? 0).toBeGreaterThan(50 - STAT_PTS);
    expect(s.unserved.percent ?? 100).toBeLessThan(50 + STAT_PTS);
    expect(Object.keys(s.unserved.flags)).toEqual(['FI']);
    expect(s.inbound.requests.count).toBeGreaterThan(120);
    // Same rows, same rules: the same error rate everywhere (to rounding).
    const pct = s.inbound.errors.percent ?? NaN;
    expect(n.errPct).toBeCloseTo(pct, 0);
    expect(Math.abs(n.errPct - pct)).toBeLessThan(SAME_PTS);
    expect(Math.abs((e.httpPercentErr ?? 0) - pct)).toBeLessThan(SAME_PTS);
    expect(Math.abs((svcItem.inbound.errors.percent ?? NaN) - pct)).toBeLessThan(SAME_PTS);
    expect(Math.abs((edgeItem.inbound.errors.percent ?? NaN) - pct)).toBeLessThan(SAME_PTS);
    expect(Math.abs(n.rate - s.inbound.requests.rate)).toBeLessThan(SAME_RPS);
    expect(Math.abs((e.http ?? 0) - edgeItem.inbound.requests.rate)).toBeLessThan(SAME_RPS);
    // Health and its reason are one verdict: the graph node, the item and the service page.
    expect(node(g, SVC).healthStatus).toBe('Failure');
    expect(s.health.status).toBe('Failure');
    expect(svcItem.health.reason?.text).toBe(node(g, SVC).healthReason?.text);
    expect(s.health.reason?.text).toBe(svcItem.health.reason?.text);
    expect(s.health.reason?.flags).toContain('FI');
    // Canary evidence: the versions' counts plus what no version received are the service's requests.
    const served = s.versions.reduce((a, v) => a + v.evidence.requests, 0);
    expect(Math.abs(served + s.unserved.requests - s.inbound.requests.count)).toBeLessThanOrEqual(s.versions.length + 1);
    for (const v of s.versions) {
      expect(v.evidence.latency.counts.reduce((a, b) => a + b, 0)).toBeCloseTo(v.evidence.requests, -1);
      expect(v.evidence.latency.bounds.at(-1)).toBe(Infinity);
    }
    // The overview names productpage (whose calls to reviews fail) with the same figure the side panel shows.
    const bookinfo = o.namespaces.find((x) => x.namespace === 'bookinfo');
    const pp = bookinfo?.unhealthy.find((u) => u.workload === 'productpage-v1');
    expect(pp?.health.reason?.direction).toBe('outbound');
    expect(pp?.health.reason?.text).toBe(ppItem.health.reason?.text);
    expect(ppItem.health.reason?.text).toBe(node(g, PP).healthReason?.text);
    expect(ppItem.health.reason?.peer).toBe('reviews');
    // The gateway's namespace: it sends requests, it does not say "no requests".
    expect(o.namespaces.find((x) => x.namespace === 'istio-system')?.outbound.requests.rate).toBeGreaterThan(20);
  });

  it('the metrics endpoint’s series say about the same (their own rate window)', async () => {
    const m = graphItemMetricsSchema.parse(await f.get(`/api/metrics/graph-item?id=${encodeURIComponent(SVC)}&duration=30s&step=2s`));
    const s = await service('reviews');
    const last = (name: 'requestRate' | 'errorRate') => m.series[name]?.at(-2)?.[1] ?? NaN;
    expect(Math.abs((last('errorRate') / last('requestRate')) * 100 - (s.inbound.errors.percent ?? 0))).toBeLessThan(15);
  });
});

describe('after a delay fault, latency figures agree', () => {
  beforeAll(async () => {
    await f.setReviewsRoute(`  - fault:
      delay: {fixedDelay: 40ms, percentage: {value: 100}}
    route:
    - destination: {host: reviews, subset: v1}
`);
    await sleep(SETTLE_MS);
    await pin();
  }, 30_000);

  it('graph edge response time, item and service p95 are one figure', async () => {
    const [g, s, edgeItem, v1Item] = await Promise.all([graph(), service('reviews'), item(`${SVC}>vapp:Kubernetes:bookinfo:reviews-v1>http`), item('vapp:Kubernetes:bookinfo:reviews-v1')]);
    const e = edge(g, SVC, 'vapp:Kubernetes:bookinfo:reviews-v1');
    const v1 = s.versions.find((v) => v.version === 'v1');
    expect(e.responseTime).toBeDefined();
    expect(Math.abs((edgeItem.inbound.latency.p95 ?? NaN) - (e.responseTime ?? NaN))).toBeLessThan(0.02);
    expect(v1?.inbound.latency.p95).toBe(v1Item.inbound.latency.p95);
    expect(Math.abs((v1?.inbound.latency.p95 ?? NaN) - (e.responseTime ?? NaN))).toBeLessThan(0.02);
    expect(s.unserved.requests).toBe(0);
  });
});

describe('after a traffic shift, the split agrees', () => {
  beforeAll(async () => {
    await f.setReviewsRoute(`  - route:
    - destination: {host: reviews, subset: v1}
      weight: 50
    - destination: {host: reviews, subset: v3}
      weight: 50
`);
    await sleep(SETTLE_MS);
    await pin();
  }, 30_000);

  it('graph share, service share and canary evidence', async () => {
    const [g, s] = await Promise.all([graph(), service('reviews')]);
    for (const v of ['v1', 'v2', 'v3']) {
      const version = s.versions.find((x) => x.version === v);
      const id = `vapp:Kubernetes:bookinfo:reviews-${v}`;
      const e = g.elements.edges.find((x) => x.data.source === SVC && x.data.target === id)?.data;
      const graphShare = e ? (edgeHttp(e).httpPercentReq ?? 0) : 0;
      expect(Math.abs((version?.share ?? 0) - graphShare), v).toBeLessThan(SAME_PTS);
      // Counts are the rate over the 6 s window, rounded to whole requests.
      expect(Math.abs((version?.evidence.requests ?? 0) - (version?.inbound.requests.rate ?? 0) * 6), v).toBeLessThanOrEqual(0.51);
    }
    expect(s.versions.find((x) => x.version === 'v2')?.evidence.requests).toBe(0);
    expect(Math.abs((s.versions.find((x) => x.version === 'v3')?.share ?? 0) - 50)).toBeLessThan(STAT_PTS);
  });
});

describe('the TCP service', () => {
  it('mongodb shows bytes/s everywhere and is TCP, never "no traffic"', async () => {
    await pin();
    const MONGO = 'svc:Kubernetes:bookinfo:mongodb';
    const [g, s, it2, o] = await Promise.all([graph(), service('mongodb'), item(MONGO), f.get(`/api/overview/traffic?namespaces=bookinfo&${q}`).then((b) => overviewTrafficSchema.parse(b))]);
    const e = edge(g, 'vapp:Kubernetes:bookinfo:ratings-v1', MONGO, 'tcp');
    const graphBytes = e.traffic.protocol === 'tcp' ? (e.traffic.rates.tcp ?? 0) : 0;
    expect(graphBytes).toBeGreaterThan(0);
    expect(s.inbound.protocols).toEqual(['tcp']);
    expect(s.health.status).toBe('NA');
    expect(Math.abs(s.inbound.throughput.tcpBytesPerSec - graphBytes)).toBeLessThan(0.01 * graphBytes + 0.01);
    expect(Math.abs(it2.inbound.throughput.tcpBytesPerSec - graphBytes)).toBeLessThan(0.01 * graphBytes + 0.01);
    // The mongodb page: its one version receives (TCP) traffic.
    expect(s.versions.filter((v) => v.inbound.throughput.tcpBytesPerSec > 0)).toHaveLength(1);
    expect(o.namespaces[0]?.inbound.throughput.tcpBytesPerSec).toBeGreaterThanOrEqual(graphBytes - 0.01);
  });

  it('the gateway → productpage edge has the same mTLS in the bookinfo and istio-system graphs', async () => {
    const [b, i] = await Promise.all([graph('bookinfo'), graph('istio-system')]);
    const mtls = (g: GraphResponse) => g.elements.edges.find((e) => e.data.source.includes('istio-ingressgateway') && e.data.target === 'svc:Kubernetes:bookinfo:productpage')?.data.isMTLS;
    expect(mtls(b)).toBe(100);
    expect(mtls(i)).toBe(mtls(b));
  });
});
