import type { HealthStatus } from '../../api/graph';
import { hasFailureFlag, type ErrorClass } from '../../traffic/error-rule';
import { DEFAULT_HEALTH_POLICY, judgeHealth, statusOfPercent, type HealthInput } from '../../traffic/health';
import { edgeErrors, type GraphEdge, type GraphNode } from '../model';
import type { Appender } from './types';

/** Kiali's default request-error tolerances (percent): degraded from 0.1%, failure from 20% (lib/traffic/health). */
export const HEALTH_THRESHOLDS = { degraded: 0.1, failure: 20 } as const;

/** Health of an error percentage by Kiali's ascending threshold check. */
export function healthOf(errorPercent: number): HealthStatus {
  return statusOfPercent(errorPercent, HEALTH_THRESHOLDS);
}

type Classes = Record<Exclude<ErrorClass, 'ok'>, number>;

/** Request totals and errors through a node in one direction and protocol, and who the worst errors involve. */
interface Tally {
  total: number;
  errors: number;
  byClass: Classes;
  flags: Map<string, number>;
  /** Errors per peer node. */
  peers: Map<GraphNode, number>;
}

/** What a node is called in a reason: its service, app or workload. */
export function peerName(n: GraphNode): string {
  if (n.nodeType === 'service') return n.service || n.id;
  if (n.nodeType === 'unknown') return 'unknown callers';
  if (n.nodeType === 'app') return n.workload || (n.version && n.app ? `${n.app} ${n.version}` : n.app || n.id);
  return n.workload || n.app || n.id;
}

/** Failure flags on an edge's failed responses, by rate. */
function edgeFlags(e: GraphEdge, into: Map<string, number>): void {
  e.responses.forEach((r) => {
    r.flags.forEach((v, f) => {
      if (hasFailureFlag(f)) into.set(f, (into.get(f) ?? 0) + v);
    });
  });
}

function topFlags(m: Map<string, number>): string[] {
  return [...m].sort((a, b) => b[1] - a[1]).map(([f]) => f);
}

function tally(m: Map<string, Tally>, key: string, e: GraphEdge, peer: GraphNode): void {
  let t = m.get(key);
  if (!t) {
    t = { total: 0, errors: 0, byClass: { 'no-response': 0, '5xx': 0, '4xx': 0, grpc: 0, flag: 0 }, flags: new Map(), peers: new Map() };
    m.set(key, t);
  }
  t.total += e.total;
  const err = edgeErrors(e);
  t.errors += err;
  if (err > 0) {
    for (const k in e.errorsByClass) t.byClass[k as keyof Classes] += e.errorsByClass[k as keyof Classes];
    edgeFlags(e, t.flags);
    t.peers.set(peer, (t.peers.get(peer) ?? 0) + err);
  }
}

function input(direction: 'inbound' | 'outbound', protocol: 'http' | 'grpc', t: Tally): HealthInput {
  let worst: GraphNode | undefined;
  let max = 0;
  for (const [p, v] of t.peers) if (v > max) [worst, max] = [p, v];
  // Received requests name no caller: behind an injected service node the callers are not this node's neighbours.
  return { direction, protocol, requests: t.total, errors: t.errors, byClass: t.byClass, flags: topFlags(t.flags), ...(worst && direction === 'outbound' ? { peer: peerName(worst) } : {}) };
}

/**
 * `healthStatus` (and `healthReason` when not Healthy) on HTTP/gRPC edges from their error share, and on nodes
 * from their inbound and outbound requests per protocol, judged apart (lib/traffic/health: Kiali's tolerances);
 * the worse decides and names its direction, threshold and the peer behind most errors. No requests: `NA`.
 */
export const healthAppender: Appender = {
  name: 'health',
  append(g, ctx) {
    const policy = ctx.health ?? DEFAULT_HEALTH_POLICY;
    const tallies = new Map<GraphNode, Map<string, Tally>>();
    const at = (n: GraphNode) => tallies.get(n) ?? (tallies.set(n, new Map()).get(n) as Map<string, Tally>);
    for (const e of g.edges.values()) {
      if (e.protocol === 'tcp') continue;
      const flags = new Map<string, number>();
      if (edgeErrors(e) > 0) edgeFlags(e, flags);
      const v = judgeHealth([{ direction: 'edge', protocol: e.protocol, requests: e.total, errors: edgeErrors(e), byClass: e.errorsByClass, flags: topFlags(flags) }], policy);
      e.healthStatus = v.status;
      if (v.reason) e.healthReason = v.reason;
      tally(at(e.target), `inbound:${e.protocol}`, e, e.source);
      tally(at(e.source), `outbound:${e.protocol}`, e, e.target);
    }
    for (const n of g.nodes.values()) {
      if (n.nodeType === 'box') continue;
      const inputs: HealthInput[] = [];
      for (const [key, t] of tallies.get(n) ?? []) {
        const [direction, protocol] = key.split(':') as ['inbound' | 'outbound', 'http' | 'grpc'];
        inputs.push(input(direction, protocol, t));
      }
      const v = judgeHealth(inputs, policy);
      n.healthStatus = v.status;
      if (v.reason) n.healthReason = v.reason;
    }
    return g;
  },
};
