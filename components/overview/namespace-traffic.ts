import type { GraphResponse } from '@/lib/api/graph';

export interface NamespaceTraffic {
  /** Requests/s received by the namespace's nodes (HTTP + gRPC). */
  requestRate: number;
  /** Share of those requests that failed (0-100), undefined without traffic. */
  errorPercent: number | undefined;
  /** Nodes whose health is Degraded or Failure. */
  unhealthy: number;
}

/** Per-namespace inbound traffic and health, from one graph of all namespaces. */
export function namespaceTraffic(g: GraphResponse): Map<string, NamespaceTraffic> {
  const nsOf = new Map(g.elements.nodes.map(({ data }) => [data.id, data.namespace]));
  const out = new Map<string, NamespaceTraffic & { errors: number }>();
  const at = (ns: string) => {
    let t = out.get(ns);
    if (!t) out.set(ns, (t = { requestRate: 0, errorPercent: undefined, unhealthy: 0, errors: 0 }));
    return t;
  };
  for (const { data: e } of g.elements.edges) {
    const ns = nsOf.get(e.target);
    if (!ns || e.traffic.protocol === 'tcp') continue;
    const rates = e.traffic.rates as Record<string, number | undefined>;
    const rate = (e.traffic.protocol === 'http' ? rates.http : rates.grpc) ?? 0;
    const errPct = (e.traffic.protocol === 'http' ? rates.httpPercentErr : rates.grpcPercentErr) ?? 0;
    const t = at(ns);
    t.requestRate += rate;
    t.errors += (rate * errPct) / 100;
  }
  for (const { data: n } of g.elements.nodes) {
    if (n.healthStatus === 'Degraded' || n.healthStatus === 'Failure') at(n.namespace).unhealthy++;
  }
  const result = new Map<string, NamespaceTraffic>();
  for (const [ns, t] of out) {
    result.set(ns, {
      requestRate: t.requestRate,
      errorPercent: t.requestRate > 0 ? (t.errors / t.requestRate) * 100 : undefined,
      unhealthy: t.unhealthy,
    });
  }
  return result;
}
