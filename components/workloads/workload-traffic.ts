'use client';

/**
 * THE ONE ADAPTER between the workload/application pages and traffic figures. Rates, error shares and health with
 * its reason come from the one derivation (lib/traffic, through `GET /api/overview/traffic`: what each workload
 * received and sent, judged with Kiali's tolerances), the same figures the overview and the service pages show.
 * The workload graph supplies only each workload's node id (for its charts) and whether it speaks only TCP.
 */
import type { HealthStatus } from '@/lib/api/graph';
import { useGraph } from '../data/use-graph';
import { useOverviewTraffic } from '../data/use-traffic-figures';
import { formatBytesRate } from '../ui/format';

export interface WorkloadTraffic {
  /** The workload's node id in the graph (for its metrics over time). */
  nodeId?: string;
  /** Only TCP traffic (charts show bytes, not requests; health is not judged on requests). */
  tcpOnly?: boolean;
  /** Health from lib/traffic; undefined when it had no traffic. */
  health?: HealthStatus;
  /** Why, in words: the derivation's reason for a non-healthy state, else the volume. */
  reason: string;
  /** Requests/s into the workload, and the share of them that failed (the one error rule), 0–100. */
  inRps: number;
  inErrPct: number;
  /** Requests/s the workload sent, and the share that failed, 0–100. */
  outRps: number;
  outErrPct: number;
  /** TCP bytes/s received and sent. */
  tcpInBps: number;
  tcpOutBps: number;
}

export const TRAFFIC_WINDOW = '60s';

const pct = (err: number, total: number) => (total > 0 ? (100 * err) / total : 0);

function reasonOf(health: HealthStatus | undefined, derived: string | undefined, t: Omit<WorkloadTraffic, 'health' | 'reason'>): string {
  if (derived) return derived;
  if (t.inRps + t.outRps === 0 && t.tcpInBps + t.tcpOutBps > 0) return `TCP: ${formatBytesRate(t.tcpInBps)} in, ${formatBytesRate(t.tcpOutBps)} out (last ${TRAFFIC_WINDOW})`;
  if (health === undefined || health === 'NA') return `no requests in the last ${TRAFFIC_WINDOW}`;
  const inPart = t.inRps > 0 ? `${t.inErrPct.toFixed(1)}% of ${t.inRps.toFixed(2)} req/s in failed` : 'no requests in';
  const outPart = t.outRps > 0 ? `, ${t.outErrPct.toFixed(1)}% of ${t.outRps.toFixed(2)} req/s out failed` : '';
  return `${health}: ${inPart}${outPart} (last ${TRAFFIC_WINDOW})`;
}

/** Per-workload traffic of some namespaces, keyed `namespace/workload`. */
export function useWorkloadTraffic(namespaces: string[]) {
  const figures = useOverviewTraffic(namespaces, TRAFFIC_WINDOW);
  const graph = useGraph({ namespaces, graphType: 'workload', duration: TRAFFIC_WINDOW, injectServiceNodes: false }, 15_000);
  const nodes = new Map<string, { id: string; tcpOnly: boolean }>();
  for (const { data: n } of graph.data?.elements.nodes ?? []) {
    if (n.nodeType !== 'workload' || !n.workload) continue;
    nodes.set(`${n.namespace}/${n.workload}`, { id: n.id, tcpOnly: (n.traffic ?? []).length > 0 && (n.traffic ?? []).every((t) => t.protocol === 'tcp') });
  }
  const byWorkload = new Map<string, WorkloadTraffic>();
  for (const ns of figures.data?.namespaces ?? []) {
    for (const w of ns.workloads) {
      const key = `${ns.namespace}/${w.workload}`;
      const node = nodes.get(key);
      const t = {
        ...(node ? { nodeId: node.id, tcpOnly: node.tcpOnly } : {}),
        inRps: w.inbound.rate,
        inErrPct: w.inbound.percent ?? 0,
        outRps: w.outbound.rate,
        outErrPct: w.outbound.percent ?? 0,
        tcpInBps: w.inbound.tcpBytesPerSec,
        tcpOutBps: w.outbound.tcpBytesPerSec,
      };
      byWorkload.set(key, { ...t, health: w.health.status, reason: reasonOf(w.health.status, w.health.reason?.text, t) });
    }
  }
  return { byWorkload, isPending: (figures.isPending || graph.isPending) && namespaces.length > 0, error: figures.error ?? graph.error };
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
  const tcpInBps = ws.reduce((a, w) => a + w.tcpInBps, 0);
  const tcpOutBps = ws.reduce((a, w) => a + w.tcpOutBps, 0);
  const figures = { inRps, inErrPct: pct(inErr, inRps), outRps, outErrPct: pct(outErr, outRps), tcpInBps, tcpOutBps };
  const worstReason = ws.find((w) => w.health === worst && worst !== 'Healthy' && worst !== 'NA')?.reason;
  return { ...(worst ? { health: worst } : {}), reason: reasonOf(worst, worstReason, figures), ...figures };
}
