import type { HealthStatus } from '../../api/graph';
import { edgeErrors, type GraphEdge } from '../model';
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

function statusOf(edges: readonly GraphEdge[]): HealthStatus {
  let total = 0;
  let errors = 0;
  for (const e of edges) {
    if (e.protocol === 'tcp') continue;
    total += e.total;
    errors += edgeErrors(e);
  }
  return total > 0 ? healthOf((errors / total) * 100) : 'NA';
}

/**
 * `healthStatus` on HTTP/gRPC edges from their error percentage, and on nodes as the worse of their inbound
 * and outbound request health (Kiali applies the default tolerance to both directions). No requests: `NA`.
 */
export const healthAppender: Appender = {
  name: 'health',
  append(g) {
    const inbound = new Map<string, GraphEdge[]>();
    const outbound = new Map<string, GraphEdge[]>();
    for (const e of g.edges.values()) {
      if (e.protocol !== 'tcp') e.healthStatus = statusOf([e]);
      (inbound.get(e.target.id) ?? inbound.set(e.target.id, []).get(e.target.id))?.push(e);
      (outbound.get(e.source.id) ?? outbound.set(e.source.id, []).get(e.source.id))?.push(e);
    }
    for (const n of g.nodes.values()) {
      if (n.nodeType === 'box') continue;
      n.healthStatus = worst(statusOf(inbound.get(n.id) ?? []), statusOf(outbound.get(n.id) ?? []));
    }
    return g;
  },
};
