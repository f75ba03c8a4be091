/**
 * Node identity, following Kiali's `graph.Id` rules (which node a telemetry end maps to for each graph type),
 * with readable ids: `unknown:<cluster>`, `svc:<cluster>:<ns>:<service>`, `wl:<cluster>:<ns>:<workload>`,
 * `vapp:<cluster>:<ns>:<workload>`, `vappv:<cluster>:<ns>:<app>:<version>`, `app:<cluster>:<ns>:<app>`.
 * An edge id is `<source id>><target id>><protocol>`.
 */
import type { GraphType, NodeType } from '../api/graph';

export const UNKNOWN = 'unknown';

/** True for a usable label value (set and not `unknown`). */
export function isOK(v: string | undefined): v is string {
  return v !== undefined && v !== '' && v !== UNKNOWN;
}

export interface NodeIdentity {
  id: string;
  nodeType: Exclude<NodeType, 'box'>;
}

/** One end of a request as telemetry names it. `service` is '' for a source. */
export interface TelemetryEnd {
  cluster: string;
  serviceNamespace: string;
  service: string;
  workloadNamespace: string;
  workload: string;
  app: string;
  version: string;
}

/** The node a telemetry end maps to in a graph of `graphType`; undefined when it names nothing usable. */
export function nodeIdentity(e: TelemetryEnd, graphType: GraphType): NodeIdentity | undefined {
  const namespace = isOK(e.workloadNamespace) ? e.workloadNamespace : e.serviceNamespace;
  const c = e.cluster;
  if (namespace === UNKNOWN && e.workload === UNKNOWN && e.app === UNKNOWN && e.service === '') {
    return { id: `unknown:${c}`, nodeType: 'unknown' };
  }
  // A request to nowhere (e.g. an unmatched ingress path): one unknown service per namespace.
  if (e.workload === UNKNOWN && e.app === UNKNOWN && e.service === UNKNOWN) {
    return { id: `svc:${c}:${namespace}:${UNKNOWN}`, nodeType: 'service' };
  }
  const wlOk = isOK(e.workload);
  const appOk = isOK(e.app);
  const svcOk = isOK(e.service);
  if (!wlOk && !appOk && !svcOk) return undefined;
  if (graphType === 'workload' || graphType === 'service') {
    if (!wlOk) return { id: `svc:${c}:${namespace}:${svcOk ? e.service : UNKNOWN}`, nodeType: 'service' };
    return { id: `wl:${c}:${namespace}:${e.workload}`, nodeType: 'workload' };
  }
  if (appOk) {
    if (graphType === 'versionedApp') {
      if (wlOk) return { id: `vapp:${c}:${namespace}:${e.workload}`, nodeType: 'app' };
      if (isOK(e.version)) return { id: `vappv:${c}:${namespace}:${e.app}:${e.version}`, nodeType: 'app' };
    }
    return { id: `app:${c}:${namespace}:${e.app}`, nodeType: 'app' };
  }
  if (wlOk) return { id: `wl:${c}:${namespace}:${e.workload}`, nodeType: 'workload' };
  return { id: `svc:${c}:${namespace}:${e.service}`, nodeType: 'service' };
}

/** What a node id names, for the metrics endpoint. */
export type ParsedNodeId =
  | { kind: 'unknown'; cluster: string }
  | { kind: 'service'; cluster: string; namespace: string; service: string }
  | { kind: 'workload'; cluster: string; namespace: string; workload: string }
  | { kind: 'app'; cluster: string; namespace: string; app: string; version?: string };

/** Parses a node id produced by {@link nodeIdentity}; undefined when it is not one. */
export function parseNodeId(id: string): ParsedNodeId | undefined {
  // `>` separates the ends of an edge id and never occurs in a node id.
  if (id.includes('>')) return undefined;
  const parts = id.split(':');
  const [prefix, cluster] = parts;
  if (!prefix || cluster === undefined || cluster === '') return undefined;
  const ns = parts[2];
  const rest = parts.slice(3).join(':');
  switch (prefix) {
    case 'unknown':
      return parts.length === 2 ? { kind: 'unknown', cluster } : undefined;
    case 'svc':
      return ns && rest ? { kind: 'service', cluster, namespace: ns, service: rest } : undefined;
    case 'wl':
    case 'vapp':
      return ns && rest ? { kind: 'workload', cluster, namespace: ns, workload: rest } : undefined;
    case 'vappv':
      return ns && parts.length === 5 && parts[3] && parts[4] ? { kind: 'app', cluster, namespace: ns, app: parts[3], version: parts[4] } : undefined;
    case 'app':
      return ns && rest ? { kind: 'app', cluster, namespace: ns, app: rest } : undefined;
    default:
      return undefined;
  }
}

export function edgeId(source: string, target: string, protocol: string): string {
  return `${source}>${target}>${protocol}`;
}

/** Splits an edge id into its source, target and protocol; undefined when malformed. */
export function parseEdgeId(id: string): { source: string; target: string; protocol: string } | undefined {
  const parts = id.split('>');
  if (parts.length !== 3 || !parts[0] || !parts[1] || !parts[2]) return undefined;
  return { source: parts[0], target: parts[1], protocol: parts[2] };
}
