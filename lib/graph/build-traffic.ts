/**
 * Telemetry rows → traffic graph (Kiali's `populateTrafficMap`): normalise each row, drop known-bad telemetry,
 * deduplicate what both proxies reported (destination telemetry wins; source telemetry only counts where no
 * destination proxy reported the same exchange), inject service nodes, and add rates to edges.
 */
import type { GraphType, Protocol, ServiceName } from '../api/graph';
import type { Labels } from '../metrics/labels';
import { addEdgeTraffic, ensureEdge, ensureNode, type GraphEdge, type GraphNode, newGraph, type NodeFields, type TrafficGraph } from './model';
import { edgeId, isOK, nodeIdentity, type NodeIdentity, type TelemetryEnd, UNKNOWN } from './node-id';
import type { GraphTelemetry, TelemetryRow } from './telemetry';
import { responseCodeOf } from '../traffic/error-rule';
import { isMutualTls } from '../traffic/mtls';
import { countsRow } from '../traffic/reporter';

export interface BuildOptions {
  graphType: GraphType;
  injectServiceNodes: boolean;
  includeIdleEdges: boolean;
}

/** A telemetry row reduced to what identifies the exchange. */
export interface NormalisedRow {
  reporter: 'source' | 'destination';
  source: TelemetryEnd;
  dest: TelemetryEnd;
  protocol: Protocol;
  /** Response code as the graph shows it (`-` for no response, gRPC status for gRPC). */
  code: string;
  flags: string;
  host: string;
  /** Identity of the two ends plus protocol: what the same exchange has in common across reporters. */
  pairKey: string;
  /** pairKey plus outcome: rows with the same dedupKey from both reporters describe the same requests. */
  dedupKey: string;
  /** The exchange (shared by every row with this pairKey, whatever the metric or reporter). */
  exchange: Exchange;
  /** Node plans per graph type and injection, memoised with the row. */
  plans?: Map<string, RowPlan | null>;
}

/** Where a row's traffic goes in a graph of one type: its nodes and (injected) service. */
interface RowPlan {
  src: NodeIdentity;
  dst: NodeIdentity;
  srcFields: NodeFields;
  dstFields: NodeFields;
  svc?: { ident: NodeIdentity; fields: NodeFields };
  destService?: { key: string; value: ServiceName };
  /** Edge ids: source → destination (or → service), and service → destination when injected. */
  edge1: string;
  edge2?: string;
}

const IP_SERVICE = /^\d+\.\d+\.\d+\.\d+(:\d+)?$/;

/**
 * One exchange: the two ends and the protocol (a pairKey). Every normalised row naming it points at the same
 * object, so passes over request, histogram and byte rows find "did a destination proxy report this?" and "which
 * edges did it feed?" in fields instead of hashing 150-character keys. Fields are stamped with the pass or build
 * that set them (builds are synchronous: one at a time).
 */
export class Exchange {
  /** The {@link newPass} in which a destination proxy's row for this exchange was seen. */
  destinationPass: Pass | undefined = undefined;
  /** The build whose edges `edges` lists. */
  edgesBuild: Pass | undefined = undefined;
  edges: GraphEdge[] = [];
  /**
   * Where the exchange's rows go in the build `wiredBuild` (every row of an exchange lands on the same nodes and
   * edges: they depend only on its ends, protocol and the build's graph type); null when they go nowhere.
   */
  wiredBuild: Pass | undefined = undefined;
  wired: Wiring | null = null;
  constructor(readonly key: string) {}
}

/**
 * Exchanges by pairKey, held weakly: an exchange lives as long as a memoised row names it (the store's label
 * objects keep those alive), and its entry goes when it is collected.
 */
const exchanges = new Map<string, WeakRef<Exchange>>();
const exchangeGone = new FinalizationRegistry<string>((key) => {
  if (exchanges.get(key)?.deref() === undefined) exchanges.delete(key);
});

function exchangeOf(key: string): Exchange {
  const found = exchanges.get(key)?.deref();
  if (found) return found;
  const x = new Exchange(key);
  exchanges.set(key, new WeakRef(x));
  exchangeGone.register(x, key);
  return x;
}

/** The nodes and edges an exchange's rows feed in one build. */
interface Wiring {
  dest: GraphNode;
  e1: GraphEdge;
  e2: GraphEdge | undefined;
}

/** A stamp for one pass over rows, compared by identity (no counter to keep between builds). */
export type Pass = Readonly<Record<string, never>>;

/** A fresh stamp for one pass over rows (see {@link Exchange.destinationPass}). */
export function newPass(): Pass {
  return Object.freeze({});
}

/**
 * Normalisations by label object. A store hands out the same label object for the same group on every request,
 * so a polled graph normalises each group once; a Prometheus answer brings fresh objects and simply misses.
 */
const normalised = new WeakMap<Labels, NormalisedRow | null>();
const normalisedTcp = new WeakMap<Labels, NormalisedRow | null>();

/** Normalises a row's labels; undefined for rows Kiali treats as bad telemetry. */
export function normaliseRow(l: Labels, protocolOverride?: Protocol): NormalisedRow | undefined {
  const memo = protocolOverride === 'tcp' ? normalisedTcp : protocolOverride === undefined ? normalised : undefined;
  const hit = memo?.get(l);
  if (hit !== undefined) return hit ?? undefined;
  const n = normalise(l, protocolOverride);
  memo?.set(l, n ?? null);
  return n;
}

function normalise(l: Labels, protocolOverride?: Protocol): NormalisedRow | undefined {
  const reporter = l.reporter;
  if (reporter !== 'source' && reporter !== 'destination') return undefined;
  const get = (k: string, fallback?: string) => l[k] ?? (fallback === undefined ? undefined : l[fallback]) ?? UNKNOWN;
  const srcCluster = get('source_cluster');
  const srcNs = get('source_workload_namespace');
  const srcWl = get('source_workload');
  // Telemetry without canonical labels (older Istio, hand-made exporters) still names app and version.
  const srcApp = get('source_canonical_service', 'source_app');
  // Bad source telemetry: a namespace but neither workload nor app, or a namespace with an unknown cluster.
  if (isOK(srcNs) && !isOK(srcWl) && !isOK(srcApp)) return undefined;
  if (isOK(srcNs) && 'source_cluster' in l && !isOK(srcCluster)) return undefined;
  let dstCluster = get('destination_cluster');
  const host = get('destination_service');
  // Without the split-out service labels, read them off the host (`name.namespace.svc.cluster.local`).
  const hostParts = host.split('.');
  const dstSvcNs = l.destination_service_namespace ?? (hostParts.length > 2 && hostParts[2] === 'svc' ? (hostParts[1] as string) : UNKNOWN);
  const dstSvcName = l.destination_service_name ?? (hostParts.length > 2 && hostParts[2] === 'svc' ? (hostParts[0] as string) : host);
  const dstWl = get('destination_workload');
  // Istio#29373: destination cluster sometimes reported unknown; assume the source's.
  if (!isOK(dstCluster) && isOK(srcCluster) && isOK(dstSvcNs)) dstCluster = srcCluster;
  if (!isOK(dstWl) && isOK(host) && host === dstSvcName && IP_SERVICE.test(dstSvcName)) return undefined;
  if (isOK(dstSvcNs) && 'destination_cluster' in l && !isOK(dstCluster)) return undefined;
  // Istio always sets request_protocol; without it the exchange is taken for HTTP.
  const protocol = protocolOverride ?? protocolOf(l.request_protocol ?? 'http');
  if (!protocol) return undefined;
  const source: TelemetryEnd = {
    cluster: srcCluster,
    serviceNamespace: srcNs,
    service: '',
    workloadNamespace: srcNs,
    workload: srcWl,
    app: srcApp,
    version: get('source_canonical_revision', 'source_version'),
  };
  const dest: TelemetryEnd = {
    cluster: dstCluster,
    serviceNamespace: dstSvcNs,
    service: dstSvcName,
    workloadNamespace: get('destination_workload_namespace'),
    workload: dstWl,
    app: get('destination_canonical_service', 'destination_app'),
    version: get('destination_canonical_revision', 'destination_version'),
  };
  const pairKey = [
    srcCluster, srcNs, srcWl, srcApp, source.version,
    dstCluster, dstSvcNs, dstSvcName, dest.workloadNamespace, dstWl, dest.app, dest.version, protocol,
  ].join('\u0001');
  const code = responseCode(protocol, l);
  const flags = l.response_flags ?? '';
  return { reporter, source, dest, protocol, code, flags, host, pairKey, dedupKey: pairKey + '\u0002' + code + '\u0002' + flags + '\u0002' + host, exchange: exchangeOf(pairKey) };
}

function protocolOf(p: string | undefined): Protocol | undefined {
  if (p === 'http' || p === 'grpc' || p === 'tcp') return p;
  // Istio reports HTTP/2 requests as http; anything else is not graphable.
  return undefined;
}

/** Kiali's HandleResponseCode (lib/traffic/error-rule): `0` is no response; gRPC uses its status unless HTTP failed. */
function responseCode(protocol: Protocol, l: Labels): string {
  return responseCodeOf(protocol, l.response_code, l.grpc_response_status);
}

/**
 * Edges each exchange contributed to in one build, so appenders can attribute per-exchange telemetry: read through
 * {@link PairIndex.edgesOf}; `exchanges` lists the exchanges that have edges.
 */
export class PairIndex {
  readonly build = newPass();
  readonly exchanges: Exchange[] = [];

  /** The edges `x` fed in this build (undefined: none). */
  edgesOf(x: Exchange): GraphEdge[] | undefined {
    return x.edgesBuild === this.build ? x.edges : undefined;
  }

  /** Records that `x` fed `e`. */
  add(x: Exchange, e: GraphEdge): void {
    if (x.edgesBuild !== this.build) {
      x.edgesBuild = this.build;
      x.edges = [e];
      this.exchanges.push(x);
    } else if (!x.edges.includes(e)) {
      x.edges.push(e);
    }
  }

  /** Replaces `x`'s edges (the service graph maps them onto its own). */
  replace(x: Exchange, edges: GraphEdge[]): void {
    if (x.edgesBuild === this.build) x.edges = edges;
  }
}

export interface BuiltTraffic {
  graph: TrafficGraph;
  pairs: PairIndex;
}

/** Builds the traffic graph from request and TCP rows. */
export function buildTraffic(t: GraphTelemetry, o: BuildOptions): BuiltTraffic {
  const graph = newGraph(o.graphType);
  const pairs = new PairIndex();
  const planKey = planKeyOf(o);
  for (const [rows, proto] of [[t.requests, undefined], [t.tcp, 'tcp']] as [TelemetryRow[], Protocol | undefined][]) {
    // Per exchange and outcome keep destination telemetry when a proxy at the destination reported it, else
    // the source's (requests that never reached a sidecar, or destinations outside the mesh).
    const norms: (NormalisedRow | undefined)[] = new Array(rows.length);
    const reportedAtDestination = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as TelemetryRow;
      if ((!o.includeIdleEdges && !(row.value > 0)) || !Number.isFinite(row.value) || row.value < 0) continue;
      const n = normaliseRow(row.labels, proto);
      norms[i] = n;
      if (n?.reporter === 'destination') reportedAtDestination.add(n.dedupKey);
    }
    for (let i = 0; i < rows.length; i++) {
      const n = norms[i];
      if (!n || !countsRow(n.reporter, n.reporter === 'source' && reportedAtDestination.has(n.dedupKey))) continue;
      addRow(graph, pairs, n, rows[i] as TelemetryRow, o, planKey);
    }
  }
  return { graph, pairs };
}

/** The key row plans are memoised under (made once per build, not once per row). */
function planKeyOf(o: BuildOptions): string {
  return `${o.graphType}:${o.injectServiceNodes ? 1 : 0}`;
}

function planOf(n: NormalisedRow, o: BuildOptions, key: string): RowPlan | undefined {
  n.plans ??= new Map();
  const cached = n.plans.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const plan = makePlan(n, o);
  n.plans.set(key, plan ?? null);
  return plan;
}

function makePlan(n: NormalisedRow, o: BuildOptions): RowPlan | undefined {
  const src = nodeIdentity(n.source, o.graphType);
  const dst = nodeIdentity(n.dest, o.graphType);
  if (!src || !dst) return undefined;
  const plan: RowPlan = { src, dst, srcFields: fields(n.source), dstFields: fields(n.dest), edge1: edgeId(src.id, dst.id, n.protocol) };
  const svcName = n.dest.service;
  if (isOK(svcName)) {
    const value = { cluster: n.dest.cluster, namespace: n.dest.serviceNamespace, name: svcName };
    plan.destService = { key: `${value.namespace}/${value.name}`, value };
  }
  if (o.injectServiceNodes && isOK(svcName) && svcName !== 'PassthroughCluster' && dst.nodeType !== 'service') {
    const svcEnd: TelemetryEnd = { ...n.dest, workloadNamespace: '', workload: '', app: '', version: '' };
    const ident = nodeIdentity(svcEnd, o.graphType);
    if (!ident) return undefined;
    plan.svc = { ident, fields: fields(svcEnd) };
    plan.edge1 = edgeId(src.id, ident.id, n.protocol);
    plan.edge2 = edgeId(ident.id, dst.id, n.protocol);
  }
  return plan;
}

function addRow(g: TrafficGraph, pairs: PairIndex, n: NormalisedRow, row: TelemetryRow, o: BuildOptions, planKey: string): void {
  const x = n.exchange;
  if (x.wiredBuild !== pairs.build) {
    x.wired = wire(g, pairs, n, o, planKey);
    x.wiredBuild = pairs.build;
  }
  const w = x.wired;
  if (!w) return;
  if (isOK(n.dest.workload)) w.dest.reportedAsDestinationBy.add(n.reporter);
  const labels = row.labels;
  const mtls = row.value > 0 && isMutualTls(labels);
  const srcPrincipal = isOK(labels.source_principal) ? labels.source_principal : undefined;
  const dstPrincipal = isOK(labels.destination_principal) ? labels.destination_principal : undefined;
  addToEdge(w.e1, n, row.value, mtls, srcPrincipal, dstPrincipal);
  if (w.e2) addToEdge(w.e2, n, row.value, mtls, srcPrincipal, dstPrincipal);
}

/** Creates (or finds) the nodes and edges of a row's exchange, once per exchange and build. */
function wire(g: TrafficGraph, pairs: PairIndex, n: NormalisedRow, o: BuildOptions, planKey: string): Wiring | null {
  const plan = planOf(n, o, planKey);
  if (!plan) return null;
  const source = ensureNode(g, plan.src, plan.srcFields);
  const dest = ensureNode(g, plan.dst, plan.dstFields);
  const ds = plan.destService;
  let e1: GraphEdge;
  let e2: GraphEdge | undefined;
  if (plan.svc) {
    const svc = ensureNode(g, plan.svc.ident, plan.svc.fields);
    svc.isInjected = true;
    e1 = ensureEdge(g, source, svc, n.protocol, plan.edge1);
    e2 = ensureEdge(g, svc, dest, n.protocol, plan.edge2);
    if (ds && !svc.destServices.has(ds.key)) svc.destServices.set(ds.key, ds.value);
  } else {
    e1 = ensureEdge(g, source, dest, n.protocol, plan.edge1);
  }
  if (ds && !dest.destServices.has(ds.key)) dest.destServices.set(ds.key, ds.value);
  pairs.add(n.exchange, e1);
  if (e2) pairs.add(n.exchange, e2);
  return { dest, e1, e2 };
}

function addToEdge(e: GraphEdge, n: NormalisedRow, value: number, mtls: boolean, srcPrincipal: string | undefined, dstPrincipal: string | undefined): void {
  addEdgeTraffic(e, value, n.code, n.flags, n.host);
  if (mtls) e.mtls += value;
  if (srcPrincipal) e.sourcePrincipal = srcPrincipal;
  if (dstPrincipal) e.destPrincipal = dstPrincipal;
}

function fields(e: TelemetryEnd): NodeFields {
  return {
    cluster: e.cluster,
    namespace: isOK(e.workloadNamespace) ? e.workloadNamespace : e.serviceNamespace,
    workload: e.workload,
    app: e.app,
    version: e.version,
    service: e.service,
  };
}
