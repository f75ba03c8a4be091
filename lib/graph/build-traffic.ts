/**
 * Telemetry rows → traffic graph (Kiali's `populateTrafficMap`): normalise each row, drop known-bad telemetry,
 * deduplicate what both proxies reported (destination telemetry wins; source telemetry only counts where no
 * destination proxy reported the same exchange), inject service nodes, and add rates to edges.
 */
import type { GraphType, Protocol } from '../api/graph';
import type { Labels } from '../metrics/labels';
import { addEdgeTraffic, ensureEdge, ensureNode, type GraphEdge, newGraph, type TrafficGraph } from './model';
import { isOK, nodeIdentity, type TelemetryEnd, UNKNOWN } from './node-id';
import type { GraphTelemetry, TelemetryRow } from './telemetry';

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
}

const IP_SERVICE = /^\d+\.\d+\.\d+\.\d+(:\d+)?$/;

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
  const get = (k: string) => l[k] ?? UNKNOWN;
  const srcCluster = get('source_cluster');
  const srcNs = get('source_workload_namespace');
  const srcWl = get('source_workload');
  const srcApp = get('source_canonical_service');
  // Bad source telemetry: a namespace but neither workload nor app, or a namespace with an unknown cluster.
  if (isOK(srcNs) && !isOK(srcWl) && !isOK(srcApp)) return undefined;
  if (isOK(srcNs) && 'source_cluster' in l && !isOK(srcCluster)) return undefined;
  let dstCluster = get('destination_cluster');
  const dstSvcNs = get('destination_service_namespace');
  const host = get('destination_service');
  const dstSvcName = get('destination_service_name');
  const dstWl = get('destination_workload');
  // Istio#29373: destination cluster sometimes reported unknown; assume the source's.
  if (!isOK(dstCluster) && isOK(srcCluster) && isOK(dstSvcNs)) dstCluster = srcCluster;
  if (!isOK(dstWl) && isOK(host) && host === dstSvcName && IP_SERVICE.test(dstSvcName)) return undefined;
  if (isOK(dstSvcNs) && 'destination_cluster' in l && !isOK(dstCluster)) return undefined;
  const protocol = protocolOverride ?? protocolOf(l.request_protocol);
  if (!protocol) return undefined;
  const source: TelemetryEnd = {
    cluster: srcCluster,
    serviceNamespace: srcNs,
    service: '',
    workloadNamespace: srcNs,
    workload: srcWl,
    app: srcApp,
    version: get('source_canonical_revision'),
  };
  const dest: TelemetryEnd = {
    cluster: dstCluster,
    serviceNamespace: dstSvcNs,
    service: dstSvcName,
    workloadNamespace: get('destination_workload_namespace'),
    workload: dstWl,
    app: get('destination_canonical_service'),
    version: get('destination_canonical_revision'),
  };
  const pairKey = [
    srcCluster, srcNs, srcWl, srcApp, source.version,
    dstCluster, dstSvcNs, dstSvcName, dest.workloadNamespace, dstWl, dest.app, dest.version, protocol,
  ].join('\u0001');
  return { reporter, source, dest, protocol, code: responseCode(protocol, l), flags: l.response_flags ?? '', host, pairKey };
}

function protocolOf(p: string | undefined): Protocol | undefined {
  if (p === 'http' || p === 'grpc' || p === 'tcp') return p;
  // Istio reports HTTP/2 requests as http; anything else is not graphable.
  return undefined;
}

/** Kiali's HandleResponseCode: `0` is no response; gRPC uses its status unless HTTP itself failed. */
function responseCode(protocol: Protocol, l: Labels): string {
  if (protocol === 'tcp') return '-';
  const code = l.response_code ?? '';
  if (code === '0' || code === '') return '-';
  const grpc = l.grpc_response_status;
  if (protocol !== 'grpc' || code[0] === '4' || code[0] === '5' || grpc === undefined || grpc === '') return code;
  return grpc;
}

/** Edges each exchange (pairKey) contributed to, so appenders can attribute per-exchange telemetry. */
export type PairIndex = Map<string, GraphEdge[]>;

export interface BuiltTraffic {
  graph: TrafficGraph;
  pairs: PairIndex;
}

/** Builds the traffic graph from request and TCP rows. */
export function buildTraffic(t: GraphTelemetry, o: BuildOptions): BuiltTraffic {
  const graph = newGraph(o.graphType);
  const pairs: PairIndex = new Map();
  const sumKey = (r: NormalisedRow) => r.pairKey + '\u0002' + r.code + '\u0002' + r.flags + '\u0002' + r.host;
  for (const [rows, proto] of [[t.requests, undefined], [t.tcp, 'tcp']] as [TelemetryRow[], Protocol | undefined][]) {
    // Group by exchange and outcome; per group keep destination telemetry when any proxy at the destination
    // reported it, else the source's (requests that never reached a sidecar, or callers outside the mesh).
    const groups = new Map<string, { dest: [NormalisedRow, TelemetryRow][]; src: [NormalisedRow, TelemetryRow][] }>();
    for (const row of rows) {
      if (!o.includeIdleEdges && !(row.value > 0)) continue;
      if (!Number.isFinite(row.value) || row.value < 0) continue;
      const n = normaliseRow(row.labels, proto);
      if (!n) continue;
      const k = sumKey(n);
      let grp = groups.get(k);
      if (!grp) {
        grp = { dest: [], src: [] };
        groups.set(k, grp);
      }
      (n.reporter === 'destination' ? grp.dest : grp.src).push([n, row]);
    }
    for (const grp of groups.values()) {
      for (const [n, row] of grp.dest.length > 0 ? grp.dest : grp.src) addRow(graph, pairs, n, row, o);
    }
  }
  return { graph, pairs };
}

function addRow(g: TrafficGraph, pairs: PairIndex, n: NormalisedRow, row: TelemetryRow, o: BuildOptions): void {
  const srcIdent = nodeIdentity(n.source, o.graphType);
  const dstIdent = nodeIdentity(n.dest, o.graphType);
  if (!srcIdent || !dstIdent) return;
  const source = ensureNode(g, srcIdent, fields(n.source));
  const dest = ensureNode(g, dstIdent, fields(n.dest));
  if (isOK(n.dest.workload)) dest.reportedAsDestinationBy.add(n.reporter);
  const svcName = n.dest.service;
  const inject = o.injectServiceNodes && isOK(svcName) && svcName !== 'PassthroughCluster' && dstIdent.nodeType !== 'service';
  const touched: GraphEdge[] = [];
  const destService = isOK(svcName) ? { cluster: n.dest.cluster, namespace: n.dest.serviceNamespace, name: svcName } : undefined;
  if (inject) {
    const svcEnd: TelemetryEnd = { ...n.dest, workloadNamespace: '', workload: '', app: '', version: '' };
    const svcIdent = nodeIdentity(svcEnd, o.graphType);
    if (!svcIdent) return;
    const svc = ensureNode(g, svcIdent, fields(svcEnd));
    svc.isInjected = true;
    touched.push(ensureEdge(g, source, svc, n.protocol), ensureEdge(g, svc, dest, n.protocol));
    if (destService) svc.destServices.set(`${destService.namespace}/${destService.name}`, destService);
  } else {
    touched.push(ensureEdge(g, source, dest, n.protocol));
  }
  if (destService) dest.destServices.set(`${destService.namespace}/${destService.name}`, destService);
  const labels = row.labels;
  for (const e of touched) {
    addEdgeTraffic(e, row.value, n.code, n.flags, n.host);
    if (labels.connection_security_policy === 'mutual_tls' && row.value > 0) e.mtls += row.value;
    if (isOK(labels.source_principal)) e.sourcePrincipal = labels.source_principal;
    if (isOK(labels.destination_principal)) e.destPrincipal = labels.destination_principal;
  }
  let list = pairs.get(n.pairKey);
  if (!list) {
    list = [];
    pairs.set(n.pairKey, list);
  }
  for (const e of touched) if (!list.includes(e)) list.push(e);
}

function fields(e: TelemetryEnd): { cluster: string; namespace: string; workload: string; app: string; version: string; service: string } {
  return {
    cluster: e.cluster,
    namespace: isOK(e.workloadNamespace) ? e.workloadNamespace : e.serviceNamespace,
    workload: e.workload,
    app: e.app,
    version: e.version,
    service: e.service,
  };
}
