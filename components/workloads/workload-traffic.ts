'use client';

/**
 * THE ONE ADAPTER between the workload/application pages and traffic figures. Request and error rates and health
 * are read from the graph API (the graph's own derivation: node health and edge rates over the same window), so the
 * pages and the graph never disagree. When `lib/traffic/` lands, this file is the only one to point at it.
 */
import type { EdgeData, HealthStatus, NodeData } from '@/lib/api/graph';
import { useGraph } from '../data/use-graph';

export interface WorkloadTraffic {
  /** The workload's node id in the graph (for its metrics over time). */
  nodeId?: string;
  /** Only TCP traffic (charts show bytes, not requests). */
  tcpOnly?: boolean;
  /** The graph's health for the workload node; undefined when it had no traffic. */
  health?: HealthStatus;
  /** Why, in words (error share and volume). */
  reason: string;
  /** Requests/s into the workload, and the share of them answered 5xx (or not at all), 0–100. */
  inRps: number;
  inErrPct: number;
  /** Requests/s the workload sent, and the share that failed, 0–100. */
  outRps: number;
  outErrPct: number;
}

export const TRAFFIC_WINDOW = '60s';

const pct = (err: number, total: number) => (total > 0 ? (100 * err) / total : 0);

function nodeIn(n: NodeData): { rps: number; err: number } {
  let rps = 0;
  let err = 0;
  for (const t of n.traffic ?? []) {
    if (t.protocol === 'http') {
      rps += t.rates.httpIn ?? 0;
      err += (t.rates.httpIn5xx ?? 0) + (t.rates.httpInNoResponse ?? 0);
    } else if (t.protocol === 'grpc') {
      rps += t.rates.grpcIn ?? 0;
      err += (t.rates.grpcInErr ?? 0) + (t.rates.grpcInNoResponse ?? 0);
    }
  }
  return { rps, err };
}

function edgeOut(edges: EdgeData[]): { rps: number; err: number } {
  let rps = 0;
  let err = 0;
  for (const e of edges) {
    const t = e.traffic;
    if (t.protocol === 'http') {
      rps += t.rates.http ?? 0;
      err += (t.rates.http5xx ?? 0) + (t.rates.httpNoResponse ?? 0);
    } else if (t.protocol === 'grpc') {
      rps += t.rates.grpc ?? 0;
      err += t.rates.grpcErr ?? 0;
    }
  }
  return { rps, err };
}

function reasonOf(health: HealthStatus | undefined, t: Omit<WorkloadTraffic, 'health' | 'reason'>): string {
  if (health === undefined || health === 'NA') return t.inRps + t.outRps > 0 ? 'no health verdict from the graph' : `no requests in the last ${TRAFFIC_WINDOW}`;
  const inPart = t.inRps > 0 ? `${t.inErrPct.toFixed(1)}% of ${t.inRps.toFixed(2)} req/s in failed` : 'no requests in';
  const outPart = t.outRps > 0 ? `, ${t.outErrPct.toFixed(1)}% of ${t.outRps.toFixed(2)} req/s out failed` : '';
  return `${health}: ${inPart}${outPart} (last ${TRAFFIC_WINDOW})`;
}

/** Per-workload traffic of some namespaces, keyed `namespace/workload`, from the workload graph. */
export function useWorkloadTraffic(namespaces: string[]) {
  const graph = useGraph({ namespaces, graphType: 'workload', duration: TRAFFIC_WINDOW, injectServiceNodes: false }, 15_000);
  const byWorkload = new Map<string, WorkloadTraffic>();
  const data = graph.data;
  if (data) {
    const out = new Map<string, EdgeData[]>();
    for (const { data: e } of data.elements.edges) out.set(e.source, [...(out.get(e.source) ?? []), e]);
    for (const { data: n } of data.elements.nodes) {
      if (n.nodeType !== 'workload' || !n.workload) continue;
      const i = nodeIn(n);
      const o = edgeOut(out.get(n.id) ?? []);
      const figures = { inRps: i.rps, inErrPct: pct(i.err, i.rps), outRps: o.rps, outErrPct: pct(o.err, o.rps) };
      const tcpOnly = (n.traffic ?? []).length > 0 && (n.traffic ?? []).every((t) => t.protocol === 'tcp');
      byWorkload.set(`${n.namespace}/${n.workload}`, { nodeId: n.id, tcpOnly, ...(n.healthStatus ? { health: n.healthStatus } : {}), reason: reasonOf(n.healthStatus, figures), ...figures });
    }
  }
  return { byWorkload, isPending: graph.isPending && namespaces.length > 0, error: graph.error };
}

const RANK: Record<HealthStatus, number> = { NA: 0, Healthy: 1, Degraded: 2, Failure: 3 };

/** An application's traffic: its workloads' figures summed, health the worst of them. */
export function appTraffic(parts: (WorkloadTraffic | undefined)[]): WorkloadTraffic | undefined {
  const ws = parts.filter((p): p is WorkloadTraffic => p !== undefined);
  if (ws.length === 0) return undefined;
  const inRps = ws.reduce((a, w) => a + w.inRps, 0);
  const outRps = ws.reduce((a, w) => a + w.outRps, 0);
  const inErr = ws.reduce((a, w) => a + (w.inRps * w.inErrPct) / 100, 0);
  const outErr = ws.reduce((a, w) => a + (w.outRps * w.outErrPct) / 100, 0);
  const worst = ws.reduce<HealthStatus | undefined>((h, w) => (w.health && (!h || RANK[w.health] > RANK[h]) ? w.health : h), undefined);
  const figures = { inRps, inErrPct: pct(inErr, inRps), outRps, outErrPct: pct(outErr, outRps) };
  return { ...(worst ? { health: worst } : {}), reason: reasonOf(worst, figures), ...figures };
}
