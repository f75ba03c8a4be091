import type { GraphResponse, HealthStatus, NodeData } from '@/lib/api/graph';
import type { VersionStats } from '@/lib/istio/traffic/canary';

/** One version of a service as the graph saw it over its window. */
export interface VersionTraffic {
  version: string;
  /** The version's node id, for the metrics endpoint. */
  nodeId: string;
  /** Requests/s the service sent to this version. */
  requestRate: number;
  /** Failed requests/s (4xx, 5xx, no response). */
  errorRate: number;
  /** Share of the service's requests (0–100). */
  share: number;
  /** p95 ms; undefined with no requests. */
  p95Ms?: number;
  health?: HealthStatus;
}

export interface ServiceSnapshot {
  /** The service node id (`svc:<cluster>:<ns>:<name>`); undefined when the graph has not seen the service. */
  nodeId?: string;
  health?: HealthStatus;
  /** Requests/s into the service. */
  requestRate: number;
  errorRate: number;
  /** Requests/s the service's versions send on (their outbound traffic). */
  outboundRate: number;
  /** Bytes/s of TCP traffic into the service (databases and other non-HTTP services). */
  tcpRate: number;
  versions: VersionTraffic[];
}

const isService = (n: NodeData, ns: string, name: string) => n.nodeType === 'service' && n.namespace === ns && n.service === name;

/**
 * Reads one service out of a versioned-app graph (with service nodes injected): the edges from its service
 * node to each version node carry the per-version rates, errors and p95 the canary panel compares.
 */
export function serviceSnapshot(g: GraphResponse | undefined, ns: string, name: string): ServiceSnapshot {
  const empty: ServiceSnapshot = { requestRate: 0, errorRate: 0, outboundRate: 0, tcpRate: 0, versions: [] };
  if (!g) return empty;
  const nodes = new Map(g.elements.nodes.map((n) => [n.data.id, n.data]));
  const svc = g.elements.nodes.find((n) => isService(n.data, ns, name))?.data;
  if (!svc) return empty;
  const versions: VersionTraffic[] = [];
  let total = 0;
  let errors = 0;
  let tcp = 0;
  for (const { data: e } of g.elements.edges) {
    if (e.source === svc.id && e.traffic.protocol === 'tcp') tcp += e.traffic.rates.tcp ?? 0;
    if (e.source !== svc.id || e.traffic.protocol !== 'http') continue;
    const target = nodes.get(e.target);
    const r = e.traffic.rates;
    const rate = r.http ?? 0;
    const err = (r.http4xx ?? 0) + (r.http5xx ?? 0) + (r.httpNoResponse ?? 0);
    total += rate;
    errors += err;
    versions.push({
      version: target?.version ?? target?.workload ?? e.target,
      nodeId: e.target,
      requestRate: rate,
      errorRate: err,
      share: r.httpPercentReq ?? 0,
      ...(e.responseTime !== undefined && rate > 0 ? { p95Ms: e.responseTime } : {}),
      ...(target?.healthStatus ? { health: target.healthStatus } : {}),
    });
  }
  versions.sort((a, b) => a.version.localeCompare(b.version, undefined, { numeric: true }));
  const ids = new Set(versions.map((v) => v.nodeId));
  let outbound = 0;
  for (const { data: e } of g.elements.edges) if (ids.has(e.source) && e.traffic.protocol === 'http') outbound += e.traffic.rates.http ?? 0;
  return { nodeId: svc.id, ...(svc.healthStatus ? { health: svc.healthStatus } : {}), requestRate: total, errorRate: errors, outboundRate: outbound, tcpRate: tcp, versions };
}

/** The canary judge's view of a version (success rate 0–1, undefined with no requests). */
export function toVersionStats(v: VersionTraffic | undefined, version: string): VersionStats {
  if (!v || v.requestRate <= 0) return { version, requestRate: v?.requestRate ?? 0 };
  return { version, requestRate: v.requestRate, successRate: 1 - v.errorRate / v.requestRate, ...(v.p95Ms !== undefined ? { p95Ms: v.p95Ms } : {}) };
}
