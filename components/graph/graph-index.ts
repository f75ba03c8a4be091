import type { EdgeData, GraphResponse, NodeData } from '@/lib/api/graph';
import { edgeRate, edgePercentErr } from './canvas/to-cy-elements';

export interface GraphIndex {
  nodes: Map<string, NodeData>;
  edges: Map<string, EdgeData>;
  inbound: Map<string, EdgeData[]>;
  outbound: Map<string, EdgeData[]>;
}

/** Lookups the side panel and the elements table need, built once per graph response. */
export function indexGraph(g: GraphResponse | undefined): GraphIndex {
  const idx: GraphIndex = { nodes: new Map(), edges: new Map(), inbound: new Map(), outbound: new Map() };
  if (!g) return idx;
  for (const { data } of g.elements.nodes) idx.nodes.set(data.id, data);
  for (const { data } of g.elements.edges) {
    idx.edges.set(data.id, data);
    push(idx.outbound, data.source, data);
    push(idx.inbound, data.target, data);
  }
  return idx;
}

function push(m: Map<string, EdgeData[]>, k: string, e: EdgeData) {
  const list = m.get(k);
  if (list) list.push(e);
  else m.set(k, [e]);
}

/** One-line name of a node: "reviews v2", "reviews (service)", "istio-ingressgateway". */
export function nodeName(n: NodeData | undefined): string {
  if (!n) return '?';
  switch (n.nodeType) {
    case 'app':
      return n.version ? `${n.app ?? '?'} ${n.version}` : (n.app ?? '?');
    case 'service':
      return n.service ?? '?';
    case 'workload':
      return n.workload ?? '?';
    case 'box':
      return n.app ?? n.namespace;
    default:
      return 'unknown';
  }
}

export interface GraphTotals {
  requestRate: number;
  errorRate: number;
  tcpRate: number;
  unhealthyNodes: number;
  mtlsShare: number | undefined;
}

/** Whole-graph numbers for the summary panel. Request totals count traffic entering from root nodes' edges only once. */
export function graphTotals(g: GraphResponse | undefined): GraphTotals {
  const t: GraphTotals = { requestRate: 0, errorRate: 0, tcpRate: 0, unhealthyNodes: 0, mtlsShare: undefined };
  if (!g) return t;
  let mtlsWeighted = 0;
  let weight = 0;
  for (const { data: e } of g.elements.edges) {
    const rate = edgeRate(e);
    if (e.traffic.protocol === 'tcp') t.tcpRate += rate;
    else {
      t.requestRate += rate;
      t.errorRate += (rate * (edgePercentErr(e) ?? 0)) / 100;
    }
    if (rate > 0) {
      mtlsWeighted += (e.isMTLS ?? 0) * rate;
      weight += rate;
    }
  }
  for (const { data: n } of g.elements.nodes) if (n.healthStatus === 'Degraded' || n.healthStatus === 'Failure') t.unhealthyNodes++;
  t.mtlsShare = weight > 0 ? mtlsWeighted / weight : undefined;
  return t;
}
