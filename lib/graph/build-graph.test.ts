import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { graphResponseSchema, type EdgeData, type GraphResponse, type GraphType, type NodeData } from '../api/graph';
import type { DestinationRule, Gateway, ServiceEntry, VirtualService } from '../istio/types';
import { emptyMeshConfig, type GraphOptions, type MeshConfigSnapshot } from './appenders/types';
import { buildGraph, buildGraphJson } from './build-graph';
import { FLOWS, telemetryOf, W, type Flow } from './testdata/fixture';
import { summarize } from './testdata/summary';
import type { GraphTelemetry } from './telemetry';

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
  queryTimeSec: 1_700_000_000,
  ...o,
});

function build(o: Partial<GraphOptions> = {}, telemetry: GraphTelemetry = telemetryOf(FLOWS), config: MeshConfigSnapshot = emptyMeshConfig()): GraphResponse {
  const g = buildGraph({ options: options(o), telemetry, config });
  // Every answer must satisfy the wire contract.
  graphResponseSchema.parse(g);
  return g;
}

const node = (g: GraphResponse, id: string): NodeData => {
  const n = g.elements.nodes.find((x) => x.data.id === id)?.data;
  if (!n) throw new Error(`no node ${id} in\n${summarize(g)}`);
  return n;
};
const edge = (g: GraphResponse, source: string, target: string): EdgeData => {
  const e = g.elements.edges.find((x) => x.data.source === source && x.data.target === target)?.data;
  if (!e) throw new Error(`no edge ${source} -> ${target} in\n${summarize(g)}`);
  return e;
};
const rate = (e: EdgeData): number => {
  const r = e.traffic.rates as Record<string, number | undefined>;
  return r[e.traffic.protocol] ?? 0;
};

const K = 'Kubernetes';
const here = fileURLToPath(new URL('./testdata/', import.meta.url));

describe('buildGraph golden files', () => {
  const cases: [string, Partial<GraphOptions>][] = [
    ['versioned-app', { graphType: 'versionedApp' }],
    ['app', { graphType: 'app' }],
    ['workload', { graphType: 'workload' }],
    ['workload-no-service-nodes', { graphType: 'workload', injectServiceNodes: false }],
    ['service', { graphType: 'service' }],
    ['versioned-app-two-namespaces-boxed', { graphType: 'versionedApp', namespaces: ['bookinfo', 'istio-system'], boxBy: ['app'] }],
  ];
  it.each(cases)('%s', (name, o) => {
    const got = summarize(build(o));
    const file = `${here}${name}.golden.txt`;
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, got);
    expect(got).toBe(readFileSync(file, 'utf8'));
  });
});

describe('buildGraphJson', () => {
  // The answer is written as bytes, not through JSON.stringify: it must be the text JSON.stringify would write
  // for the same values (property order with index-like keys, number forms, escapes).
  const canonical = (o: Partial<GraphOptions>, telemetry: GraphTelemetry) => {
    const text = buildGraphJson({ options: options(o), telemetry, config: emptyMeshConfig() });
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
    expect(JSON.parse(text)).toEqual(buildGraph({ options: options(o), telemetry, config: emptyMeshConfig() }));
    return JSON.parse(text) as GraphResponse;
  };

  it.each([
    ['versionedApp', {}],
    ['app, boxed', { graphType: 'app', boxBy: ['app', 'namespace', 'cluster'] }],
    ['workload without service nodes, p50', { graphType: 'workload', injectServiceNodes: false, responseTime: '50' }],
    ['service, request throughput, avg', { graphType: 'service', throughputType: 'request', responseTime: 'avg' }],
  ] as [string, Partial<GraphOptions>][])('writes canonical JSON: %s', (_name, o) => {
    canonical({ ...o, namespaces: ['bookinfo', 'istio-system'] }, telemetryOf(FLOWS));
  });

  it('orders index-like codes, flags and hosts as objects do, and escapes odd names', () => {
    const odd = { name: 'wé"ird\\-v1', namespace: 'bookinfo', app: 'wé"ird\\', version: 'v1' };
    const flows: Flow[] = [
      { source: W.productpage, destination: odd, service: { name: 'odd', namespace: 'bookinfo', host: '42' }, rate: 1, code: '503', flags: 'UF' },
      { source: W.productpage, destination: odd, service: { name: 'odd', namespace: 'bookinfo', host: 'odd.bookinfo.svc.cluster.local' }, rate: 2, code: '200', flags: '7' },
      { source: W.productpage, destination: odd, service: { name: 'odd', namespace: 'bookinfo', host: '42' }, rate: 0.25, code: '0', flags: 'DC' },
      { source: W.productpage, destination: odd, service: { name: 'odd', namespace: 'bookinfo', host: '3' }, rate: 1 / 3, code: '200', flags: '-' },
    ];
    const g = canonical({ graphType: 'workload', injectServiceNodes: false }, telemetryOf(flows));
    const e = edge(g, `wl:${K}:bookinfo:productpage-v1`, `wl:${K}:bookinfo:${odd.name}`);
    expect(Object.keys(e.traffic.responses)).toEqual(['200', '503', '-']);
    expect(Object.keys(e.traffic.responses['200']?.hosts ?? {})).toEqual(['3', 'odd.bookinfo.svc.cluster.local']);
  });
});

describe('buildGraph semantics', () => {
  it('counts traffic reported by both proxies once, preferring the destination report', () => {
    const g = build({ graphType: 'workload', injectServiceNodes: false }, telemetryOf(FLOWS, { sourceSkew: 0.05 }));
    const e = edge(g, `wl:${K}:bookinfo:productpage-v1`, `wl:${K}:bookinfo:details-v1`);
    expect(rate(e)).toBe(10);
    const pp = node(g, `wl:${K}:bookinfo:productpage-v1`).traffic?.find((t) => t.protocol === 'http');
    // in: gateway 10 + unknown 2 + loadgen 1; out: 10 + 8 + 1 + 1 to reviews/details + 1.05 source-only external
    expect(pp?.rates).toMatchObject({ httpIn: 13, httpOut: 21.05 });
  });

  it('keeps source-only telemetry (no destination proxy) and the unknown caller', () => {
    const g = build({ graphType: 'versionedApp' });
    const ext = node(g, `svc:${K}:bookinfo:api.example.com`);
    expect(ext.nodeType).toBe('service');
    expect(rate(edge(g, `vapp:${K}:bookinfo:productpage-v1`, ext.id))).toBe(1);
    const unknown = node(g, 'unknown:unknown');
    expect(unknown).toMatchObject({ nodeType: 'unknown', isRoot: true, isOutside: false });
    expect(rate(edge(g, unknown.id, `svc:${K}:bookinfo:productpage`))).toBe(2);
  });

  it('marks nodes outside the requested namespaces, roots and gateways', () => {
    const g = build();
    expect(node(g, `vapp:${K}:istio-system:istio-ingressgateway`)).toMatchObject({ isOutside: true, isRoot: true, isGateway: { ingressInfo: { hostnames: [] } } });
    expect(node(g, `vapp:${K}:other:loadgen-v1`)).toMatchObject({ isOutside: true, isRoot: true });
    expect(node(g, `vapp:${K}:bookinfo:productpage-v1`)).toMatchObject({ isOutside: false, isRoot: false });
    const inBoth = build({ namespaces: ['bookinfo', 'istio-system'] });
    expect(node(inBoth, `vapp:${K}:istio-system:istio-ingressgateway`).isOutside).toBe(false);
  });

  it('reports TCP bytes/s and gRPC errors', () => {
    const g = build({ graphType: 'workload', injectServiceNodes: false });
    const tcp = edge(g, `wl:${K}:bookinfo:ratings-v1`, `wl:${K}:bookinfo:mongodb-v1`);
    expect(tcp.traffic).toEqual({ protocol: 'tcp', rates: { tcp: 500 }, responses: { '-': { flags: { '-': 100 }, hosts: { 'mongodb.bookinfo.svc.cluster.local': 100 } } } });
    const grpc = edge(g, `wl:${K}:bookinfo:productpage-v1`, `wl:${K}:bookinfo:grpcsvc-v1`);
    expect(grpc.traffic.protocol).toBe('grpc');
    expect(grpc.traffic.rates).toMatchObject({ grpc: 3, grpcErr: 1, grpcPercentErr: 33.3 });
    expect(Object.keys(grpc.traffic.responses).sort()).toEqual(['0', '14']);
    expect(grpc.healthStatus).toBe('Failure');
  });

  it('computes error percentages, response codes, p95, throughput, mTLS and health', () => {
    const g = build({ graphType: 'versionedApp' });
    const toV3 = edge(g, `svc:${K}:bookinfo:reviews`, `vapp:${K}:bookinfo:reviews-v3`);
    expect(toV3.traffic.rates).toMatchObject({ http: 1, http5xx: 0.5, httpPercentErr: 50 });
    expect(toV3.traffic.responses['503']).toEqual({ flags: { URX: 50 }, hosts: { 'reviews.bookinfo.svc.cluster.local': 50 } });
    expect(toV3.healthStatus).toBe('Failure');
    expect(toV3.isMTLS).toBe(100);
    const toReviews = edge(g, `vapp:${K}:bookinfo:productpage-v1`, `svc:${K}:bookinfo:reviews`);
    // 10 rps to reviews out of 22 from productpage (10 details, 10 reviews, 1 external, 3 gRPC is another protocol)
    expect(toReviews.traffic.rates).toMatchObject({ http: 10, http5xx: 0.5, httpPercentErr: 5, httpPercentReq: 47.6 });
    expect(toReviews.healthStatus).toBe('Degraded');
    // 8 rps at 20ms, 1.5 at 60ms, 0.5 at 3ms: p95 rank 9.5 falls in (50,100], which holds 8.5..10
    expect(toReviews.responseTime).toBeCloseTo(50 + 50 * ((9.5 - 8.5) / 1.5), 1);
    expect(toReviews.throughput).toBeCloseTo(8 * 300 + 1.5 * 300 + 0.5 * 20, 6);
    expect(node(g, `vapp:${K}:bookinfo:reviews-v3`).healthStatus).toBe('Failure');
    expect(node(g, `vapp:${K}:bookinfo:details-v1`).healthStatus).toBe('Healthy');
    const fromUnknown = edge(g, 'unknown:unknown', `svc:${K}:bookinfo:productpage`);
    expect(fromUnknown.isMTLS).toBeUndefined();
  });

  it('answers the average response time when asked', () => {
    const g = build({ graphType: 'workload', injectServiceNodes: false, responseTime: 'avg' });
    expect(edge(g, `wl:${K}:bookinfo:productpage-v1`, `wl:${K}:bookinfo:reviews-v1`).responseTime).toBe(20);
  });

  it('drops idle rows unless idle edges are requested', () => {
    const idle: Flow = { source: W.details, destination: W.ratings, service: { name: 'ratings', namespace: 'bookinfo' }, rate: 0 };
    const t = telemetryOf([...FLOWS, idle]);
    const from = `wl:${K}:bookinfo:details-v1`;
    const to = `wl:${K}:bookinfo:ratings-v1`;
    expect(build({ graphType: 'workload', injectServiceNodes: false }, t).elements.edges.some((e) => e.data.source === from && e.data.target === to)).toBe(false);
    const withIdle = build({ graphType: 'workload', injectServiceNodes: false, includeIdleEdges: true }, t);
    expect(edge(withIdle, from, to).traffic.rates).toEqual({});
  });

  it('adds idle inventory nodes and the out-of-mesh flag', () => {
    const g = buildGraph({
      options: options({ graphType: 'workload', idleNodes: true }),
      telemetry: telemetryOf(FLOWS),
      config: emptyMeshConfig(),
      inventory: [
        { namespace: 'bookinfo', workload: 'idle-v1', app: 'idle', version: 'v1', sidecar: true, services: ['idle'] },
        { namespace: 'bookinfo', workload: 'details-v1', app: 'details', version: 'v1', sidecar: false, services: ['details'] },
      ],
    });
    expect(node(g, `wl:${K}:bookinfo:idle-v1`)).toMatchObject({ isIdle: true, healthStatus: 'NA' });
    expect(node(g, `svc:${K}:bookinfo:idle`).isIdle).toBe(true);
    expect(node(g, `wl:${K}:bookinfo:details-v1`).isOutOfMesh).toBe(true);
    expect(node(g, `wl:${K}:bookinfo:reviews-v1`).isOutOfMesh).toBe(false);
  });

  it('infers a workload without a sidecar from telemetry', () => {
    const flows = FLOWS.map((f) => (f.destination === W.details ? { ...f, reporters: ['source' as const] } : f));
    const g = build({ graphType: 'workload' }, telemetryOf(flows));
    expect(node(g, `wl:${K}:bookinfo:details-v1`).isOutOfMesh).toBe(true);
    expect(node(g, `wl:${K}:bookinfo:reviews-v1`).isOutOfMesh).toBe(false);
  });

  it('badges services from VirtualServices, DestinationRules and ServiceEntries', () => {
    const meta = (kind: string, name: string) => ({ apiVersion: 'networking.istio.io/v1', kind, metadata: { name, namespace: 'bookinfo' } });
    const vs: VirtualService = {
      ...meta('VirtualService', 'reviews'),
      spec: {
        hosts: ['reviews'],
        http: [
          { match: [{ headers: { end_user: { exact: 'jason' } } }], route: [{ destination: { host: 'reviews', subset: 'v2' } }], fault: { delay: { fixedDelay: '1s' } } },
          { route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 80 }, { destination: { host: 'reviews', subset: 'v3' }, weight: 20 }], timeout: '2s', mirror: { host: 'reviews', subset: 'v2' } },
        ],
      },
    };
    const dr: DestinationRule = {
      ...meta('DestinationRule', 'ratings'),
      spec: { host: 'ratings.bookinfo.svc.cluster.local', trafficPolicy: { connectionPool: { tcp: { maxConnections: 1 } } } },
    };
    const subsetDr: DestinationRule = {
      ...meta('DestinationRule', 'details'),
      spec: { host: 'details', subsets: [{ name: 'v1', labels: { version: 'v1' }, trafficPolicy: { outlierDetection: { consecutive5xxErrors: 1 } } }] },
    };
    const se: ServiceEntry = { ...meta('ServiceEntry', 'example'), spec: { hosts: ['api.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS' } };
    const gw: Gateway = { ...meta('Gateway', 'bookinfo-gateway'), spec: { selector: { istio: 'ingressgateway' }, servers: [{ hosts: ['bookinfo.example.com'] }] } };
    const config: MeshConfigSnapshot = { virtualServices: [vs], destinationRules: [dr, subsetDr], serviceEntries: [se], gateways: [gw] };
    const g = build({}, telemetryOf(FLOWS), config);
    expect(node(g, `svc:${K}:bookinfo:reviews`)).toMatchObject({
      hasVS: { hostnames: ['reviews'] },
      hasTrafficShifting: true,
      hasRequestRouting: true,
      hasFaultInjection: true,
      hasRequestTimeout: true,
      hasMirroring: true,
      hasCB: false,
    });
    expect(node(g, `svc:${K}:bookinfo:ratings`).hasCB).toBe(true);
    expect(node(g, `vapp:${K}:bookinfo:details-v1`).hasCB).toBe(true);
    expect(node(g, `svc:${K}:bookinfo:details`)).toMatchObject({ hasCB: false, hasTrafficShifting: false });
    expect(node(g, `svc:${K}:bookinfo:api.example.com`).isServiceEntry).toEqual({ location: 'MESH_EXTERNAL', hosts: ['api.example.com'] });
    expect(node(g, `vapp:${K}:istio-system:istio-ingressgateway`).isGateway).toEqual({ ingressInfo: { hostnames: ['bookinfo.example.com'] } });
    // without service nodes the badge moves to the workloads serving the host
    const bare = build({ injectServiceNodes: false }, telemetryOf(FLOWS), config);
    expect(node(bare, `vapp:${K}:bookinfo:reviews-v1`).hasVS).toEqual({ hostnames: ['reviews'] });
  });

  it('skips bad telemetry rows instead of failing', () => {
    const t = telemetryOf(FLOWS.slice(0, 1));
    t.requests.push({ labels: { reporter: 'source', source_workload_namespace: 'bookinfo', source_workload: 'unknown', source_canonical_service: 'unknown' }, value: 5 });
    t.requests.push({ labels: { reporter: 'bogus' }, value: 5 });
    t.requests.push({ labels: { ...(t.requests[0]?.labels ?? {}), request_protocol: 'smtp' }, value: 5 });
    t.requests.push({ labels: { ...(t.requests[0]?.labels ?? {}) }, value: NaN });
    t.durationBuckets.push({ labels: { ...(t.requests[0]?.labels ?? {}) }, les: [NaN, 5, 1], rates: [1, Infinity, 2] });
    const g = build({ graphType: 'workload', injectServiceNodes: false }, t);
    expect(g.elements.edges).toHaveLength(1);
    expect(rate(g.elements.edges[0]?.data as EdgeData)).toBe(10);
  });

  it.each(['app', 'versionedApp', 'workload', 'service'] as GraphType[])('%s graph of no telemetry is empty', (graphType) => {
    expect(build({ graphType }, telemetryOf([])).elements).toEqual({ nodes: [], edges: [] });
  });
});

describe('buildGraph with sparse labels', () => {
  it('reads app, version, service and protocol from the older or host labels when canonical ones are missing', () => {
    const labels = {
      reporter: 'destination',
      source_workload: 'a-v1',
      source_workload_namespace: 'ns',
      source_app: 'a',
      source_version: 'v1',
      destination_workload: 'b-v2',
      destination_workload_namespace: 'ns',
      destination_app: 'b',
      destination_version: 'v2',
      destination_service: 'b.ns.svc.cluster.local',
    };
    const t = telemetryOf([]);
    t.requests.push({ labels, value: 4 });
    const g = build({ namespaces: ['ns'], graphType: 'versionedApp' }, t);
    const edgeToWl = edge(g, 'svc:unknown:ns:b', 'vapp:unknown:ns:b-v2');
    expect(edgeToWl.traffic).toMatchObject({ protocol: 'http', rates: { http: 4 } });
    expect(node(g, 'vapp:unknown:ns:a-v1')).toMatchObject({ app: 'a', version: 'v1' });
  });
});
