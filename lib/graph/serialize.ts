/**
 * Working graph → the wire shape (CONTRACT §3, Kiali's cytoscape config): node rates summed from edges,
 * edge percentages, rounding, box nodes, and Kiali's stable ordering.
 */
import type { EdgeData, EdgeTraffic, GraphResponse, NodeData, NodeTraffic, Responses } from '../api/graph';
import { addBoxes } from './box';
import type { GraphOptions } from './appenders/types';
import { edgeErrors, type GraphEdge, type GraphNode, type TrafficGraph } from './model';

/** Rounds a rate to 3 decimals, keeping at least 2 significant digits for tiny rates. */
export function roundRate(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return 0;
  if (Math.abs(v) >= 0.001) return Math.round(v * 1000) / 1000;
  return Number(v.toPrecision(2));
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const round2 = (v: number) => Math.round(v * 100) / 100;

interface NodeSums {
  http: { in: number; in3xx: number; in4xx: number; in5xx: number; inNoResponse: number; out: number };
  grpc: { in: number; inErr: number; inNoResponse: number; out: number };
  tcp: { in: number; out: number };
}

function emptySums(): NodeSums {
  return {
    http: { in: 0, in3xx: 0, in4xx: 0, in5xx: 0, inNoResponse: 0, out: 0 },
    grpc: { in: 0, inErr: 0, inNoResponse: 0, out: 0 },
    tcp: { in: 0, out: 0 },
  };
}

function nodeSums(g: TrafficGraph): Map<string, NodeSums> {
  const sums = new Map<string, NodeSums>();
  const get = (id: string) => sums.get(id) ?? sums.set(id, emptySums()).get(id) as NodeSums;
  for (const e of g.edges.values()) {
    const s = get(e.source.id);
    const d = get(e.target.id);
    if (e.protocol === 'http') {
      s.http.out += e.total;
      d.http.in += e.total;
      d.http.in3xx += e.r3xx;
      d.http.in4xx += e.r4xx;
      d.http.in5xx += e.r5xx;
      d.http.inNoResponse += e.noResponse;
    } else if (e.protocol === 'grpc') {
      s.grpc.out += e.total;
      d.grpc.in += e.total;
      d.grpc.inErr += e.grpcErr;
      d.grpc.inNoResponse += e.noResponse;
    } else {
      s.tcp.out += e.total;
      d.tcp.in += e.total;
    }
  }
  return sums;
}

/** Only the positive rates, rounded (Kiali omits zero rates). */
function positive<T extends Record<string, number>>(rates: Record<string, number>): T {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(rates)) if (v > 0) out[k] = roundRate(v);
  return out as T;
}

function nodeTraffic(s: NodeSums | undefined): NodeTraffic[] {
  if (!s) return [];
  const out: NodeTraffic[] = [];
  const h = s.http;
  if (h.in > 0 || h.out > 0) {
    out.push({ protocol: 'http', rates: positive({ httpIn: h.in, httpIn3xx: h.in3xx, httpIn4xx: h.in4xx, httpIn5xx: h.in5xx, httpInNoResponse: h.inNoResponse, httpOut: h.out }) });
  }
  const gr = s.grpc;
  if (gr.in > 0 || gr.out > 0) {
    out.push({ protocol: 'grpc', rates: positive({ grpcIn: gr.in, grpcInErr: gr.inErr, grpcInNoResponse: gr.inNoResponse, grpcOut: gr.out }) });
  }
  if (s.tcp.in > 0 || s.tcp.out > 0) out.push({ protocol: 'tcp', rates: positive({ tcpIn: s.tcp.in, tcpOut: s.tcp.out }) });
  return out;
}

/**
 * A map-like record. Keys here are hosts and flags, thousands of distinct names across a graph: on an ordinary
 * object each new name would grow V8's hidden-class tree, so these start in dictionary mode.
 */
function record<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** JSON skeletons `{"200":0,...}` by code list (see {@link responses}). */
const skeletons = new Map<string, string>();

function responses(e: GraphEdge): Responses {
  if (!(e.total > 0) || e.responses.size === 0) return {};
  let codes = '';
  e.responses.forEach((_r, code) => {
    codes += code + ',';
  });
  let skeleton = skeletons.get(codes);
  if (skeleton === undefined) {
    skeleton = JSON.stringify(Object.fromEntries(e.responses.keys().map((c) => [c, 0])));
    if (skeletons.size < 1000) skeletons.set(codes, skeleton);
  }
  // Codes look like array indices ("200"): assigned one by one onto an object they make V8 allocate an elements
  // store sized to the index (kilobytes per edge); an object parsed from JSON gets a compact one.
  const out = JSON.parse(skeleton) as Responses;
  e.responses.forEach((r, code) => {
    const flags = record<number>();
    const hosts = record<number>();
    r.flags.forEach((v, k) => {
      flags[k] = round1((v / e.total) * 100);
    });
    r.hosts.forEach((v, k) => {
      hosts[k] = round1((v / e.total) * 100);
    });
    out[code] = { flags, hosts };
  });
  return out;
}

function edgeTraffic(e: GraphEdge, sourceOut: number): EdgeTraffic {
  const pctErr = e.total > 0 ? (edgeErrors(e) / e.total) * 100 : 0;
  const pctReq = e.total > 0 && sourceOut > 0 ? (e.total / sourceOut) * 100 : 0;
  const responsesOut = responses(e);
  if (e.protocol === 'tcp') {
    const rates: { tcp?: number } = {};
    if (e.total > 0) rates.tcp = roundRate(e.total);
    return { protocol: 'tcp', rates, responses: responsesOut };
  }
  if (e.protocol === 'http') {
    const r: Record<string, number> = {};
    if (e.total > 0) r.http = roundRate(e.total);
    if (e.r3xx > 0) r.http3xx = roundRate(e.r3xx);
    if (e.r4xx > 0) r.http4xx = roundRate(e.r4xx);
    if (e.r5xx > 0) r.http5xx = roundRate(e.r5xx);
    if (e.noResponse > 0) r.httpNoResponse = roundRate(e.noResponse);
    if (pctErr > 0) r.httpPercentErr = round1(pctErr);
    if (pctReq > 0) r.httpPercentReq = round1(pctReq);
    return { protocol: 'http', rates: r, responses: responsesOut };
  }
  const r: Record<string, number> = {};
  if (e.total > 0) r.grpc = roundRate(e.total);
  if (e.grpcErr > 0) r.grpcErr = roundRate(e.grpcErr);
  if (e.noResponse > 0) r.grpcNoResponse = roundRate(e.noResponse);
  if (pctErr > 0) r.grpcPercentErr = round1(pctErr);
  if (pctReq > 0) r.grpcPercentReq = round1(pctReq);
  return { protocol: 'grpc', rates: r, responses: responsesOut };
}

function nodeData(n: GraphNode, sums: NodeSums | undefined): NodeData {
  const d: NodeData = {
    id: n.id,
    nodeType: n.nodeType,
    cluster: n.cluster,
    namespace: n.namespace,
    isRoot: n.isRoot,
    isIdle: n.isIdle,
    isOutside: n.isOutside,
    isOutOfMesh: n.isOutOfMesh,
    hasCB: n.hasCB,
    hasTrafficShifting: n.hasTrafficShifting,
    hasTCPTrafficShifting: n.hasTCPTrafficShifting,
    hasFaultInjection: n.hasFaultInjection,
    hasRequestRouting: n.hasRequestRouting,
    hasRequestTimeout: n.hasRequestTimeout,
    hasMirroring: n.hasMirroring,
  };
  if (n.workload) d.workload = n.workload;
  if (n.app) d.app = n.app;
  if (n.version) d.version = n.version;
  if (n.service) d.service = n.service;
  if (n.destServices.size > 0) {
    d.destServices = [...n.destServices.values()].sort((a, b) => a.cluster.localeCompare(b.cluster) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  }
  const traffic = nodeTraffic(sums);
  if (traffic.length > 0) d.traffic = traffic;
  if (n.healthStatus) d.healthStatus = n.healthStatus;
  if (n.isGateway) d.isGateway = n.isGateway;
  if (n.isServiceEntry) d.isServiceEntry = n.isServiceEntry;
  if (n.hasVS) d.hasVS = n.hasVS;
  return d;
}

const BOX_RANK: Record<string, number> = { cluster: 0, namespace: 1, app: 2 };
const cmp = (a: string | undefined, b: string | undefined) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/** Serialises the working graph as the graph API answers it. */
export function serializeGraph(g: TrafficGraph, o: GraphOptions): GraphResponse {
  const sums = nodeSums(g);
  const nodes = [...g.nodes.values()].map((n) => nodeData(n, sums.get(n.id)));
  nodes.push(...addBoxes(nodes, o.boxBy));
  nodes.sort(
    (a, b) =>
      (BOX_RANK[a.isBox ?? ''] ?? 3) - (BOX_RANK[b.isBox ?? ''] ?? 3) ||
      cmp(a.cluster, b.cluster) || cmp(a.namespace, b.namespace) || cmp(a.app, b.app) || cmp(a.version, b.version) ||
      cmp(a.service, b.service) || cmp(a.workload, b.workload) || cmp(a.id, b.id),
  );
  const edges = [...g.edges.values()].map((e): EdgeData => {
    const s = sums.get(e.source.id);
    const out = e.protocol === 'http' ? s?.http.out : e.protocol === 'grpc' ? s?.grpc.out : s?.tcp.out;
    const d: EdgeData = { id: e.id, source: e.source.id, target: e.target.id, traffic: edgeTraffic(e, out ?? 0) };
    if (e.responseTime !== undefined) d.responseTime = round2(e.responseTime);
    if (e.throughput !== undefined) d.throughput = round2(e.throughput);
    if (e.mtls > 0 && e.total > 0) d.isMTLS = Math.min(100, round1((e.mtls / e.total) * 100));
    if (e.sourcePrincipal) d.sourcePrincipal = e.sourcePrincipal;
    if (e.destPrincipal) d.destPrincipal = e.destPrincipal;
    if (e.healthStatus) d.healthStatus = e.healthStatus;
    return d;
  });
  edges.sort((a, b) => cmp(a.source, b.source) || cmp(a.target, b.target) || cmp(a.traffic.protocol, b.traffic.protocol));
  return {
    timestamp: Math.floor(o.queryTimeSec),
    duration: Math.floor(o.durationSec),
    graphType: o.graphType,
    elements: { nodes: nodes.map((data) => ({ data })), edges: edges.map((data) => ({ data })) },
  };
}
