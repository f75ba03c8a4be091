import { describe, expect, it } from 'vitest';
import { trafficFiguresSchema, serviceTrafficFiguresSchema, overviewTrafficSchema, type TrafficFiguresWire } from '../api/traffic-figures';
import type { EdgeData, GraphResponse, NodeData } from '../api/graph';
import { emptyMeshConfig, type GraphOptions } from '../graph/appenders/types';
import { buildGraph } from '../graph/build-graph';
import { FLOWS, telemetryOf, W, type Flow } from '../graph/testdata/fixture';
import { isSelected, type GraphTelemetry } from '../graph/telemetry';
import type { Labels } from '../metrics/labels';
import { itemFigures } from './item';
import { overviewFigures } from './overview';
import { serviceFigures } from './service';
import { healthOfFigures } from './verdict';

/** The fixture plus what fails at the source proxy: 50% of productpage's reviews calls aborted by fault injection. */
const ABORTS: Flow[] = [{ source: W.productpage, service: { name: 'reviews', namespace: 'bookinfo' }, rate: 10, code: '503', flags: 'FI', reporters: ['source'], latencyMs: 0.4 }];
const telemetry = telemetryOf([...FLOWS, ...ABORTS], { sourceSkew: 0.02 });
const W60 = { durationSec: 60, queryTimeSec: 1_700_000_000 };

const options = (o: Partial<GraphOptions> = {}): GraphOptions => ({
  namespaces: ['bookinfo'],
  graphType: 'versionedApp',
  injectServiceNodes: true,
  includeIdleEdges: false,
  idleNodes: false,
  responseTime: '95',
  throughputType: 'response',
  boxBy: [],
  durationSec: 60,
  queryTimeSec: W60.queryTimeSec,
  ...o,
});

const graph = (o: Partial<GraphOptions> = {}): GraphResponse => buildGraph({ options: options(o), telemetry, config: emptyMeshConfig() });

function edgeRate(e: EdgeData): number {
  const r = e.traffic.rates as Record<string, number | undefined>;
  return r[e.traffic.protocol] ?? 0;
}
function nodeRequestsIn(n: NodeData): number {
  let s = 0;
  for (const t of n.traffic ?? []) {
    if (t.protocol === 'http') s += t.rates.httpIn ?? 0;
    if (t.protocol === 'grpc') s += t.rates.grpcIn ?? 0;
  }
  return s;
}
const parse = (f: TrafficFiguresWire) => trafficFiguresSchema.parse(f);

describe('lib/traffic agrees with the graph (same rows, same rules)', () => {
  for (const graphType of ['versionedApp', 'workload', 'app'] as const) {
    it(`every edge of a ${graphType} graph: rate, error %, p95, mTLS, health and its reason`, () => {
      const g = graph({ graphType });
      expect(g.elements.edges.length).toBeGreaterThan(8);
      for (const { data: e } of g.elements.edges) {
        const f = itemFigures(telemetry, e.id, W60);
        if (typeof f === 'string') throw new Error(f);
        const x = parse(f.inbound);
        if (e.traffic.protocol === 'tcp') {
          expect(x.throughput.tcpBytesPerSec, e.id).toBeCloseTo(edgeRate(e), 2);
          continue;
        }
        expect(x.requests.rate, e.id).toBeCloseTo(edgeRate(e), 2);
        const pct = (e.traffic.rates as Record<string, number | undefined>)[`${e.traffic.protocol}PercentErr`] ?? 0;
        expect(x.errors.percent ?? 0, e.id).toBeCloseTo(pct, 0);
        if (e.responseTime !== undefined) expect(x.latency.p95, e.id).toBeCloseTo(e.responseTime, 1);
        expect(x.mtlsPercent ?? 0, e.id).toBeCloseTo(e.isMTLS ?? 0, 0);
        expect(f.health.status, e.id).toBe(e.healthStatus);
        expect(f.health.reason?.text, e.id).toBe(e.healthReason?.text);
      }
    });
  }

  it('every node of the versioned-app graph: requests received, health and its reason', () => {
    const g = graph();
    for (const { data: n } of g.elements.nodes) {
      const f = itemFigures(telemetry, n.id, W60);
      if (typeof f === 'string') throw new Error(f);
      expect(f.inbound.requests.rate, n.id).toBeCloseTo(nodeRequestsIn(n), 2);
      expect(f.health.status, n.id).toBe(n.healthStatus);
      expect(f.health.reason?.text, n.id).toBe(n.healthReason?.text);
    }
  });
});

/** Without the source proxies' scrape skew, for exact counts. */
const exact = telemetryOf([...FLOWS, ...ABORTS]);

describe('serviceFigures', () => {
  const s = serviceTrafficFiguresSchema.parse(serviceFigures(exact, { namespace: 'bookinfo', service: 'reviews' }, W60));

  it('counts requests that failed at the source proxy, with their flags, once', () => {
    // 10 served (8 + 1 + 0.5 + 0.5 URX) and 10 aborted at productpage's proxy.
    expect(s.inbound.requests.rate).toBeCloseTo(20, 2);
    expect(s.unserved).toMatchObject({ requests: 600, rate: 10, percent: 50, flags: { FI: 600 }, codes: { '503': 600 } });
    expect(s.inbound.errors.percent).toBeCloseTo(52.5, 1);
    expect(s.inbound.flags).toMatchObject({ FI: 10, URX: 0.5 });
    expect(s.health.status).toBe('Failure');
    expect(s.health.reason?.text).toBe('Failure: 52.5% 5xx (FI, URX) of requests received (≥ 20%)');
  });

  it('gives each version its inbound evidence: counts over the window, per-bucket latency counts', () => {
    expect(s.versions.map((v) => v.version)).toEqual(['v1', 'v2', 'v3']);
    const v3 = s.versions[2];
    expect(v3?.evidence).toMatchObject({ version: 'v3', requests: 60, failures: 30 });
    const counts = v3?.evidence.latency.counts ?? [];
    expect(counts.reduce((a, b) => a + b, 0)).toBeCloseTo(60, 6);
    expect(v3?.evidence.latency.bounds.at(-1)).toBe(Infinity);
    // 30 at 3 ms (le 5), 30 at 60 ms (le 100).
    const bounds = v3?.evidence.latency.bounds ?? [];
    expect(counts[bounds.indexOf(5)]).toBe(30);
    expect(counts[bounds.indexOf(100)]).toBe(30);
  });

  it("judges a version on its calls too: reviews v2's outbound to ratings", () => {
    const v2 = s.versions[1];
    expect(v2?.outbound.requests.rate).toBeCloseTo(1, 2);
    expect(v2?.health.status).toBe('Healthy');
  });

  it('shows a TCP service by its bytes', () => {
    const m = serviceFigures(telemetry, { namespace: 'bookinfo', service: 'mongodb' }, W60);
    expect(m.inbound.protocols).toEqual(['tcp']);
    expect(m.inbound.throughput.tcpBytesPerSec).toBe(500);
    expect(m.health.status).toBe('NA');
    expect(m.versions.map((v) => v.inbound.throughput.tcpBytesPerSec)).toEqual([500]);
    expect(m.versions.map((v) => v.share)).toEqual([100]);
  });
});

describe('overviewFigures', () => {
  const o = overviewTrafficSchema.parse(overviewFigures(exact, ['bookinfo', 'istio-system', 'other'], W60));
  const ns = (name: string) => o.namespaces.find((n) => n.namespace === name);

  it('counts a gateway namespace by what it sends, never "no requests"', () => {
    expect(ns('istio-system')?.inbound.requests.rate).toBe(0);
    expect(ns('istio-system')?.outbound.requests.rate).toBeCloseTo(10, 2);
  });

  it('tells entry requests from every hop', () => {
    const b = ns('bookinfo');
    // Entry: gateway 10 + no-sidecar caller 2 + loadgen 1. Every hop adds the internal calls.
    expect(b?.entry.rate).toBeCloseTo(13, 2);
    expect(b?.inbound.requests.rate).toBeGreaterThan(40);
    expect(b?.health.status).toBe('Failure');
    // reviews-v3 fails half its requests (URX); productpage's calls fail 34% (the aborts, URX, gRPC).
    expect(b?.health.item).toBe('reviews-v3');
    expect(b?.health.reason?.text).toBe('Failure: 50% 5xx (URX) of requests received (≥ 20%)');
    expect(b?.unhealthy.map((u) => u.workload)).toEqual(['grpcsvc-v1', 'productpage-v1', 'reviews-v3']);
    // Each service's figure is the service page's: reviews with the aborts that reached no version.
    const reviews = b?.services.find((x) => x.service === 'reviews');
    const page = serviceFigures(exact, { namespace: 'bookinfo', service: 'reviews' }, W60);
    expect(reviews?.errorPercent).toBe(page.inbound.errors.percent);
    expect(reviews?.health).toEqual(healthOfFigures(page.inbound, undefined));
  });
});

/** The rows a metrics source selects for a graph over `namespaces` (lib/graph/telemetry isSelected). */
function selected(namespaces: string[]): GraphTelemetry {
  const ns = new Set(namespaces);
  const keep = <R extends { labels: Labels }>(rows: R[]) => rows.filter((r) => isSelected(r.labels, ns));
  return { requests: keep(telemetry.requests), tcp: keep(telemetry.tcp), durationBuckets: keep(telemetry.durationBuckets), durationSum: keep(telemetry.durationSum), throughput: keep(telemetry.throughput) };
}

describe('mTLS from one rule', () => {
  it('the gateway → productpage edge has the same isMTLS in the bookinfo and istio-system graphs', () => {
    const edgeOf = (g: GraphResponse) => g.elements.edges.find((e) => e.data.source.includes('istio-ingressgateway') && e.data.target.startsWith('svc:'))?.data;
    const build = (namespaces: string[]) => buildGraph({ options: options({ namespaces }), telemetry: selected(namespaces), config: emptyMeshConfig() });
    // The istio-system graph reads only the gateway's (source) telemetry for this edge; bookinfo's the destination's.
    expect(selected(['istio-system']).requests.some((r) => r.labels.reporter === 'destination' && r.labels.destination_workload === 'productpage-v1')).toBe(false);
    const inBookinfo = edgeOf(build(['bookinfo']));
    const inIstio = edgeOf(build(['istio-system']));
    expect(inBookinfo?.isMTLS).toBe(100);
    expect(inIstio?.isMTLS).toBe(100);
  });
});
