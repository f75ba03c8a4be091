/**
 * Working graph → the wire shape (CONTRACT §3, Kiali's cytoscape config): node rates summed from edges,
 * edge percentages, rounding, box nodes, and Kiali's stable ordering.
 */
import type { GraphResponse, NodeData } from '../api/graph';
import { addBoxes } from './box';
import type { GraphOptions } from './appenders/types';
import { edgeErrors, type GraphEdge, type GraphNode, type ResponseTally, type TrafficGraph } from './model';
import { JsonBytes } from './json-bytes';
import type { SmallMap } from './small-map';

/** Rounds a rate to 3 decimals, keeping at least 2 significant digits for tiny rates. */
export function roundRate(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return 0;
  if (Math.abs(v) >= 0.001) return Math.round(v * 1000) / 1000;
  return Number(v.toPrecision(2));
}

const round1 = (v: number) => Math.round(v * 10) / 10;

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

function nodeSums(g: TrafficGraph): Map<GraphNode, NodeSums> {
  const sums = new Map<GraphNode, NodeSums>();
  const get = (n: GraphNode) => sums.get(n) ?? (sums.set(n, emptySums()).get(n) as NodeSums);
  for (const e of g.edges.values()) {
    const s = get(e.source);
    const d = get(e.target);
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

/** Property names V8 lists first, in ascending numeric order: array indices ("200", "14"). */
function isArrayIndex(k: string): boolean {
  if (k.length === 0 || k.length > 10) return false;
  const c = k.charCodeAt(0);
  if (c < 48 || c > 57 || (c === 48 && k.length > 1)) return false;
  for (let i = 1; i < k.length; i++) {
    const d = k.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  return Number(k) < 4294967295;
}

/**
 * The keys of a map in the order an object with those properties lists them (and so JSON.stringify writes
 * them): array indices ascending, then the rest in insertion order. Response codes are mostly indices.
 */
function propertyOrder<V>(m: SmallMap<V>): readonly string[] {
  const only = m.onlyKey();
  if (only !== undefined) return [only];
  const keys = m.keys();
  if (keys.length < 2) return keys;
  const indices: string[] = [];
  const names: string[] = [];
  for (const k of keys) (isArrayIndex(k) ? indices : names).push(k);
  if (indices.length === 0) return names;
  indices.sort((a, b) => Number(a) - Number(b));
  return names.length === 0 ? indices : indices.concat(names);
}

/** `{"<key>":<percent of total>,...}` for a response's flags or hosts. */
function writePercents(w: JsonBytes, m: SmallMap<number>, total: number): void {
  const only = m.onlyKey();
  if (only !== undefined) {
    w.raw('{').string(only).raw(':').rounded(((m.get(only) as number) / total) * 100, 1).raw('}');
    return;
  }
  if (m.size === 0) {
    w.raw('{}');
    return;
  }
  let sep = '{';
  for (const k of propertyOrder(m)) {
    w.raw(sep).string(k).raw(':').rounded(((m.get(k) as number) / total) * 100, 1);
    sep = ',';
  }
  w.raw('}');
}

/** The edge's `responses`: per code, the percentage of the edge's traffic by flags and by host. */
function writeResponses(w: JsonBytes, e: GraphEdge): void {
  if (!(e.total > 0) || e.responses.size === 0) {
    w.raw('{}');
    return;
  }
  let sep = '{';
  for (const code of propertyOrder(e.responses)) {
    const r = e.responses.get(code) as ResponseTally;
    w.raw(sep).string(code).raw(':{"flags":');
    writePercents(w, r.flags, e.total);
    w.raw(',"hosts":');
    writePercents(w, r.hosts, e.total);
    w.raw('}');
    sep = ',';
  }
  w.raw('}');
}

/** Writes a rate as {@link roundRate} rounds it. */
function writeRateValue(w: JsonBytes, v: number): void {
  if (v === 0 || !Number.isFinite(v)) w.raw('0');
  else if (Math.abs(v) >= 0.001) w.rounded(v, 3);
  else w.number(roundRate(v));
}

/** Writes `"name":<rate>` (or a percentage, to 1 decimal) into an object body when positive; returns the next separator. */
function writeRate(w: JsonBytes, sep: string, name: string, v: number, percent = false): string {
  if (!(v > 0)) return sep;
  w.raw(sep).raw(name);
  if (percent) w.rounded(v, 1);
  else writeRateValue(w, v);
  return ',';
}

/** The edge's `traffic` object (protocol, rates, responses). */
function writeEdgeTraffic(w: JsonBytes, e: GraphEdge, sourceOut: number): void {
  w.raw('{"protocol":"').raw(e.protocol).raw('","rates":{');
  if (e.protocol === 'tcp') {
    writeRate(w, '', '"tcp":', e.total);
  } else {
    const pctErr = e.total > 0 ? (edgeErrors(e) / e.total) * 100 : 0;
    const pctReq = e.total > 0 && sourceOut > 0 ? (e.total / sourceOut) * 100 : 0;
    let sep = '';
    if (e.protocol === 'http') {
      sep = writeRate(w, sep, '"http":', e.total);
      sep = writeRate(w, sep, '"http3xx":', e.r3xx);
      sep = writeRate(w, sep, '"http4xx":', e.r4xx);
      sep = writeRate(w, sep, '"http5xx":', e.r5xx);
      sep = writeRate(w, sep, '"httpNoResponse":', e.noResponse);
      sep = writeRate(w, sep, '"httpPercentErr":', pctErr, true);
      writeRate(w, sep, '"httpPercentReq":', pctReq, true);
    } else {
      sep = writeRate(w, sep, '"grpc":', e.total);
      sep = writeRate(w, sep, '"grpcErr":', e.grpcErr);
      sep = writeRate(w, sep, '"grpcNoResponse":', e.noResponse);
      sep = writeRate(w, sep, '"grpcPercentErr":', pctErr, true);
      writeRate(w, sep, '"grpcPercentReq":', pctReq, true);
    }
  }
  w.raw('},"responses":');
  writeResponses(w, e);
  w.raw('}');
}

/** One element of `elements.edges`: `{"data":{...}}` with EdgeData's fields in their order. */
function writeEdge(w: JsonBytes, e: GraphEdge, sourceOut: number): void {
  w.raw('{"data":{"id":').string(e.id).raw(',"source":').string(e.source.id).raw(',"target":').string(e.target.id).raw(',"traffic":');
  writeEdgeTraffic(w, e, sourceOut);
  if (e.responseTime !== undefined) w.raw(',"responseTime":').rounded(e.responseTime, 2);
  if (e.throughput !== undefined) w.raw(',"throughput":').rounded(e.throughput, 2);
  if (e.mtls > 0 && e.total > 0) w.raw(',"isMTLS":').number(Math.min(100, round1((e.mtls / e.total) * 100)));
  if (e.sourcePrincipal) w.raw(',"sourcePrincipal":').string(e.sourcePrincipal);
  if (e.destPrincipal) w.raw(',"destPrincipal":').string(e.destPrincipal);
  if (e.healthStatus) w.raw(',"healthStatus":').string(e.healthStatus);
  if (e.healthReason) w.raw(',"healthReason":').value(e.healthReason);
  w.raw('}}');
}


const FLAG_FIELDS = ['isRoot', 'isIdle', 'isOutside', 'isOutOfMesh', 'hasCB', 'hasTrafficShifting', 'hasTCPTrafficShifting', 'hasFaultInjection', 'hasRequestRouting', 'hasRequestTimeout', 'hasMirroring'] as const;

/** Writes `"name":<rate>` pairs of the positive rates, as {@link positive} keeps them. */
function writeRates(w: JsonBytes, rates: readonly (readonly [string, number])[]): void {
  let sep = '{';
  for (const [name, v] of rates) {
    if (!(v > 0)) continue;
    w.raw(sep).raw(name);
    writeRateValue(w, v);
    sep = ',';
  }
  w.raw(sep === '{' ? '{}' : '}');
}

/**
 * A graph node's `data`: its fields in the wire order (identity, flags, names, services, traffic summed from its
 * edges, health, badges, then the box it is in), without building an object first.
 */
function writeNode(w: JsonBytes, n: GraphNode, s: NodeSums | undefined): void {
  w.raw('{"id":').string(n.id).raw(',"nodeType":').string(n.nodeType).raw(',"cluster":').string(n.cluster).raw(',"namespace":').string(n.namespace);
  for (const f of FLAG_FIELDS) w.raw(',"').raw(f).raw(n[f] ? '":true' : '":false');
  if (n.workload) w.raw(',"workload":').string(n.workload);
  if (n.app) w.raw(',"app":').string(n.app);
  if (n.version) w.raw(',"version":').string(n.version);
  if (n.service) w.raw(',"service":').string(n.service);
  if (n.destServices.size > 0) {
    w.raw(',"destServices":').value([...n.destServices.values()].sort((a, b) => a.cluster.localeCompare(b.cluster) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name)));
  }
  if (s) {
    let sep = ',"traffic":[';
    const h = s.http;
    if (h.in > 0 || h.out > 0) {
      w.raw(sep).raw('{"protocol":"http","rates":');
      writeRates(w, [['"httpIn":', h.in], ['"httpIn3xx":', h.in3xx], ['"httpIn4xx":', h.in4xx], ['"httpIn5xx":', h.in5xx], ['"httpInNoResponse":', h.inNoResponse], ['"httpOut":', h.out]]);
      w.raw('}');
      sep = ',';
    }
    const gr = s.grpc;
    if (gr.in > 0 || gr.out > 0) {
      w.raw(sep).raw('{"protocol":"grpc","rates":');
      writeRates(w, [['"grpcIn":', gr.in], ['"grpcInErr":', gr.inErr], ['"grpcInNoResponse":', gr.inNoResponse], ['"grpcOut":', gr.out]]);
      w.raw('}');
      sep = ',';
    }
    if (s.tcp.in > 0 || s.tcp.out > 0) {
      w.raw(sep).raw('{"protocol":"tcp","rates":');
      writeRates(w, [['"tcpIn":', s.tcp.in], ['"tcpOut":', s.tcp.out]]);
      w.raw('}');
      sep = ',';
    }
    if (sep === ',') w.raw(']');
  }
  if (n.healthStatus) w.raw(',"healthStatus":').string(n.healthStatus);
  if (n.healthReason) w.raw(',"healthReason":').value(n.healthReason);
  if (n.isGateway) w.raw(',"isGateway":').value(n.isGateway);
  if (n.isServiceEntry) w.raw(',"isServiceEntry":').value(n.isServiceEntry);
  if (n.hasVS) w.raw(',"hasVS":').value(n.hasVS);
  if (n.parent !== undefined) w.raw(',"parent":').string(n.parent);
  w.raw('}');
}

const BOX_RANK: Record<string, number> = { cluster: 0, namespace: 1, app: 2 };
const cmp = (a: string | undefined, b: string | undefined) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

const PROTOCOL_RANK: Record<string, number> = { grpc: 0, http: 1, tcp: 2 };

/**
 * The edges in Kiali's order: by source id, target id, then protocol. Node ids are ranked once, and the edges
 * sorted by one number each (source rank, target rank, protocol rank, position): thousands of string comparisons
 * of long ids with common prefixes become one numeric sort.
 */
function sortedEdges(g: TrafficGraph): GraphEdge[] {
  const edges = [...g.edges.values()];
  const byId = [...g.nodes.values()].sort((a, b) => cmp(a.id, b.id));
  const n = byId.length;
  const rank = new Map<GraphNode, number>();
  for (let i = 0; i < n; i++) rank.set(byId[i] as GraphNode, i);
  const keys = new Float64Array(edges.length);
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i] as GraphEdge;
    const s = rank.get(e.source);
    const t = rank.get(e.target);
    const p = PROTOCOL_RANK[e.protocol];
    const key = s === undefined || t === undefined || p === undefined ? NaN : ((s * n + t) * 3 + p) * edges.length + i;
    // An edge whose ends are not in the graph, or a key past exact integers: compare the ids instead.
    if (!(key <= Number.MAX_SAFE_INTEGER)) return edges.sort((a, b) => cmp(a.source.id, b.source.id) || cmp(a.target.id, b.target.id) || cmp(a.protocol, b.protocol));
    keys[i] = key;
  }
  keys.sort();
  const out: GraphEdge[] = new Array(edges.length);
  for (let i = 0; i < keys.length; i++) out[i] = edges[(keys[i] as number) % edges.length] as GraphEdge;
  return out;
}

/**
 * Room for an answer, from its element count: a graph element writes ~600 bytes (4,653 KiB for 7,982 elements in
 * the bench), so the buffer rarely grows or needs a copy, with nothing remembered between answers.
 */
const bytesFor = (elements: number) => 64 * 1024 + elements * 640;

/**
 * The graph API's answer as UTF-8 JSON, written straight from the working graph: the same bytes as
 * `JSON.stringify` of {@link serializeGraph}'s object, without building the 4 MB of edge objects a large mesh
 * answers with only to stringify them (that took graph.build more time than building the graph).
 */
export function graphJsonBytes(g: TrafficGraph, o: GraphOptions): Uint8Array {
  const sums = nodeSums(g);
  const edges = sortedEdges(g);
  // A buffer per answer, returned as a view: nothing large is kept between requests.
  const w = new JsonBytes(bytesFor(g.nodes.size + edges.length));
  w.raw('{"timestamp":').number(Math.floor(o.queryTimeSec)).raw(',"duration":').number(Math.floor(o.durationSec));
  w.raw(',"graphType":').string(o.graphType).raw(',"elements":{"nodes":[');
  // Graph nodes are written straight from the graph; box (compound) nodes are small objects.
  const nodes: (GraphNode | NodeData)[] = [...g.nodes.values()];
  nodes.push(...addBoxes(nodes as GraphNode[], o.boxBy));
  nodes.sort(
    (a, b) =>
      (BOX_RANK[a.isBox ?? ''] ?? 3) - (BOX_RANK[b.isBox ?? ''] ?? 3) ||
      cmp(a.cluster, b.cluster) || cmp(a.namespace, b.namespace) || cmp(a.app, b.app) || cmp(a.version, b.version) ||
      cmp(a.service, b.service) || cmp(a.workload, b.workload) || cmp(a.id, b.id),
  );
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i] as GraphNode | NodeData;
    w.raw(i === 0 ? '{"data":' : ',{"data":');
    if (n.nodeType === 'box') w.value(n);
    else writeNode(w, n as GraphNode, sums.get(n as GraphNode));
    w.raw('}');
  }
  w.raw('],"edges":[');
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i] as GraphEdge;
    const s = sums.get(e.source);
    const sourceOut = e.protocol === 'http' ? s?.http.out : e.protocol === 'grpc' ? s?.grpc.out : s?.tcp.out;
    if (i > 0) w.raw(',');
    writeEdge(w, e, sourceOut ?? 0);
  }
  w.raw(']}}');
  return w.bytes();
}

/** {@link graphJsonBytes} as a string. */
export function graphJson(g: TrafficGraph, o: GraphOptions): string {
  return new TextDecoder().decode(graphJsonBytes(g, o));
}

/** The graph API's answer as an object (what {@link graphJson} writes, parsed). */
export function serializeGraph(g: TrafficGraph, o: GraphOptions): GraphResponse {
  return JSON.parse(graphJson(g, o)) as GraphResponse;
}
