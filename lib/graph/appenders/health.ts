import type { HealthStatus } from '../../api/graph';
import { edgeErrors, type GraphEdge, type GraphNode } from '../model';
import type { Appender } from './types';

/** Kiali's default request-error tolerances (percent): degraded from 0.1%, failure from 20%. */
export const HEALTH_THRESHOLDS = { degraded: 0.1, failure: 20 } as const;

/** Health of an error percentage by Kiali's ascending threshold check. */
export function healthOf(errorPercent: number): HealthStatus {
  if (errorPercent >= HEALTH_THRESHOLDS.failure) return 'Failure';
  if (errorPercent >= HEALTH_THRESHOLDS.degraded) return 'Degraded';
  return 'Healthy';
}

const RANK: Record<HealthStatus, number> = { NA: 0, Healthy: 1, Degraded: 2, Failure: 3 };

function worst(a: HealthStatus, b: HealthStatus): HealthStatus {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Request totals and errors through a node in one direction. */
interface Tally {
  total: number;
  errors: number;
}

function statusOfTally(t: Tally | undefined): HealthStatus {
  return t && t.total > 0 ? healthOf((t.errors / t.total) * 100) : 'NA';
}

function tally(m: Map<GraphNode, Tally>, n: GraphNode, e: GraphEdge): void {
  const t = m.get(n);
  if (t) {
    t.total += e.total;
    t.errors += edgeErrors(e);
  } else {
    m.set(n, { total: e.total, errors: edgeErrors(e) });
  }
}

/**
 * `healthStatus` on HTTP/gRPC edges from their error percentage, and on nodes as the worse of their inbound
 * and outbound request health (Kiali applies the default tolerance to both directions). No requests: `NA`.
 */
export const healthAppender: Appender = {
  name: 'health',
  append(g) {
    const inbound = new Map<GraphNode, Tally>();
    const outbound = new Map<GraphNode, Tally>();
    for (const e of g.edges.values()) {
      if (e.protocol === 'tcp') continue;
      e.healthStatus = e.total > 0 ? healthOf((edgeErrors(e) / e.total) * 100) : 'NA';
      tally(inbound, e.target, e);
      tally(outbound, e.source, e);
    }
    for (const n of g.nodes.values()) {
      if (n.nodeType === 'box') continue;
      n.healthStatus = worst(statusOfTally(inbound.get(n)), statusOfTally(outbound.get(n)));
    }
    return g;
  },
};
