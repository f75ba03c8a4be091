import type { EdgeData, GraphResponse, GraphType, NodeData } from '@/lib/api/graph';
import { formatBytesRate, formatLatency, formatPercent, formatRate } from '../../ui/format';
import type { EdgeLabel } from '../graph-url-state';
import { healthReasonOf } from './health-reason';

/** What the stylesheet reads from a node: small, flat, derived (the full NodeData stays in React). */
export interface CyNodeData {
  id: string;
  parent?: string;
  label: string;
  nodeType: NodeData['nodeType'];
  health: string;
  /** 1 when the workload has no sidecar. */
  outOfMesh: number;
  root: number;
  idle: number;
  /** Service entry or node outside the requested namespaces. */
  outside: number;
  /** A ServiceEntry host (drawn as a tag, as Kiali does). */
  serviceEntry: number;
  /** Error-level validation findings in the config governing this service (0 when none or unknown). */
  configErrors: number;
  /** Why the node is Degraded or Failure, when the answer says (shown in its tooltip). */
  reason?: string;
}

export interface CyEdgeData {
  id: string;
  source: string;
  target: string;
  label: string;
  protocol: string;
  /** healthy | degraded | failure | tcp | idle: picks the colour. */
  state: string;
  /** Percent of traffic over mTLS (0-100). */
  mtls: number;
  /** Requests/s (bytes/s for TCP): drives width and animation speed. */
  rate: number;
  width: number;
  /** Health as the answer states it (Healthy, Degraded, Failure, NA), for the tooltip. */
  health: string;
  /** Why the edge is Degraded or Failure, when the answer says. */
  reason?: string;
}

export type CyData = CyNodeData | CyEdgeData;

/** The node's visible name, Kiali style: app + version for versioned app nodes, else the workload or service. */
export function nodeLabel(n: NodeData, graphType: GraphType, homeNamespaces: ReadonlySet<string>, inAppBox = false): string {
  let name: string;
  switch (n.nodeType) {
    case 'app':
      // Inside an app box the box already names the app: the version says which one.
      if (inAppBox && n.version) name = n.version;
      else name = graphType !== 'app' && n.version ? `${n.app ?? '?'}\n${n.version}` : (n.app ?? '?');
      break;
    case 'service':
      name = n.service ?? '?';
      break;
    case 'workload':
      name = n.workload ?? '?';
      break;
    case 'box':
      name = n.isBox === 'app' ? (n.app ?? '?') : n.isBox === 'cluster' ? n.cluster : n.namespace;
      break;
    default:
      name = 'unknown';
  }
  if (n.nodeType !== 'unknown' && n.nodeType !== 'box' && !homeNamespaces.has(n.namespace)) name += `\n(${n.namespace})`;
  return name;
}

/** The main rate of an edge: requests/s for HTTP and gRPC, bytes/s for TCP. */
export function edgeRate(e: EdgeData): number {
  const t = e.traffic;
  if (t.protocol === 'http') return t.rates.http ?? 0;
  if (t.protocol === 'grpc') return t.rates.grpc ?? 0;
  return t.rates.tcp ?? 0;
}

/** Share of the source's outbound requests that this edge carries. */
export function edgePercentReq(e: EdgeData): number | undefined {
  const t = e.traffic;
  if (t.protocol === 'http') return t.rates.httpPercentReq;
  if (t.protocol === 'grpc') return t.rates.grpcPercentReq;
  return undefined;
}

export function edgePercentErr(e: EdgeData): number | undefined {
  const t = e.traffic;
  if (t.protocol === 'http') return t.rates.httpPercentErr;
  if (t.protocol === 'grpc') return t.rates.grpcPercentErr;
  return undefined;
}

export function edgeLabel(e: EdgeData, labels: readonly EdgeLabel[]): string {
  const rate = edgeRate(e);
  if (rate === 0) return '';
  const parts: string[] = [];
  for (const l of labels) {
    if (l === 'rate') parts.push(e.traffic.protocol === 'tcp' ? formatBytesRate(rate) : `${formatRate(rate)} rps`);
    if (l === 'percent') {
      const p = edgePercentReq(e);
      if (p !== undefined) parts.push(formatPercent(p));
    }
    if (l === 'rt' && e.responseTime !== undefined) parts.push(`p95 ${formatLatency(e.responseTime)}`);
  }
  return parts.join('\n');
}

function edgeState(e: EdgeData, rate: number): string {
  if (rate === 0) return 'idle';
  if (e.healthStatus === 'Failure') return 'failure';
  if (e.healthStatus === 'Degraded') return 'degraded';
  if (e.traffic.protocol === 'tcp') return 'tcp';
  return 'healthy';
}

/** Edge width grows with the log of the rate, so a 1,000 rps edge stands out without swallowing the graph. */
export function edgeWidth(rate: number): number {
  if (rate <= 0) return 1;
  return Math.round(Math.min(5, 1.5 + Math.log10(1 + rate)) * 10) / 10;
}

export interface CyElements {
  nodes: CyNodeData[];
  edges: CyEdgeData[];
}

/** Config findings by service (`namespace/name`), from the validator. */
export type ConfigErrorsByService = ReadonlyMap<string, { errors: number }>;

/** The service a node stands for, when config can be attached to it (service nodes; app nodes named like their service). */
export function configKeyOf(n: NodeData): string | undefined {
  if (n.nodeType === 'service' && n.service) return `${n.namespace}/${n.service}`;
  if (n.isServiceEntry && n.service) return `${n.namespace}/${n.service}`;
  return undefined;
}

/** Derives the Cytoscape data for a graph response: what to draw, not the whole wire object. */
export function toCyElements(g: GraphResponse, requested: readonly string[], labels: readonly EdgeLabel[], configErrors?: ConfigErrorsByService): CyElements {
  const home = new Set(requested);
  const boxKind = new Map(g.elements.nodes.filter(({ data }) => data.isBox).map(({ data }) => [data.id, data.isBox]));
  const nodes = g.elements.nodes.map(({ data: n }): CyNodeData => {
    const d: CyNodeData = {
      id: n.id,
      label: nodeLabel(n, g.graphType, home, n.parent !== undefined && boxKind.get(n.parent) === 'app'),
      nodeType: n.nodeType,
      health: n.healthStatus ?? 'NA',
      outOfMesh: n.isOutOfMesh ? 1 : 0,
      root: n.isRoot ? 1 : 0,
      idle: n.isIdle ? 1 : 0,
      outside: n.isOutside || n.isServiceEntry !== undefined ? 1 : 0,
      serviceEntry: n.isServiceEntry !== undefined ? 1 : 0,
      configErrors: configErrors?.get(configKeyOf(n) ?? '')?.errors ?? 0,
    };
    if (d.configErrors > 0) d.label = `⚠ ${d.label}`;
    if (n.parent) d.parent = n.parent;
    const reason = notHealthy(n.healthStatus) ? healthReasonOf(n) : undefined;
    if (reason) d.reason = reason;
    return d;
  });
  const edges = g.elements.edges.map(({ data: e }): CyEdgeData => {
    const rate = edgeRate(e);
    const d: CyEdgeData = {
      id: e.id,
      source: e.source,
      target: e.target,
      label: edgeLabel(e, labels),
      protocol: e.traffic.protocol,
      state: edgeState(e, rate),
      mtls: e.isMTLS ?? 0,
      rate,
      width: edgeWidth(rate),
      health: e.healthStatus ?? 'NA',
    };
    const reason = notHealthy(e.healthStatus) ? healthReasonOf(e) : undefined;
    if (reason) d.reason = reason;
    return d;
  });
  return { nodes: parentsFirst(nodes), edges };
}

const notHealthy = (h: string | undefined): boolean => h === 'Degraded' || h === 'Failure';

/** Orders nodes so every box comes before what it contains (Cytoscape rejects a child whose parent is unknown). */
export function parentsFirst(nodes: CyNodeData[]): CyNodeData[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depth = (n: CyNodeData): number => {
    let d = 0;
    for (let p = n.parent; p !== undefined && d < 10; p = byId.get(p)?.parent) d++;
    return d;
  };
  return nodes
    .map((n, i) => ({ n, d: depth(n), i }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.n);
}
