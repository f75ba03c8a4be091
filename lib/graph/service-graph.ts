/**
 * Reduces a workload graph (built with service nodes injected) to a service graph, as Kiali's
 * ReduceToServiceGraph: service nodes only, plus root callers with their edges to services; an edge
 * service A → service B stands for "a workload behind A called B".
 */
import type { PairIndex } from './build-traffic';
import { ensureEdge, type GraphEdge, type GraphNode, newGraph, type TrafficGraph } from './model';
import { SmallMap } from './small-map';

function mergeInto(to: GraphEdge, from: GraphEdge): void {
  to.total += from.total;
  to.r3xx += from.r3xx;
  to.r4xx += from.r4xx;
  to.r5xx += from.r5xx;
  to.noResponse += from.noResponse;
  to.grpcErr += from.grpcErr;
  to.errors += from.errors;
  for (const k in from.errorsByClass) to.errorsByClass[k as keyof typeof from.errorsByClass] += from.errorsByClass[k as keyof typeof from.errorsByClass];
  to.mtls += from.mtls;
  from.responses.forEach((r, code) => {
    let t = to.responses.get(code);
    if (!t) {
      t = { flags: new SmallMap(), hosts: new SmallMap() };
      to.responses.set(code, t);
    }
    const tally = t;
    r.flags.forEach((v, k) => tally.flags.set(k, (tally.flags.get(k) ?? 0) + v));
    r.hosts.forEach((v, k) => tally.hosts.set(k, (tally.hosts.get(k) ?? 0) + v));
  });
  to.sourcePrincipal ??= from.sourcePrincipal;
  to.destPrincipal ??= from.destPrincipal;
}

/** Returns the service graph and rewrites `pairs` to point at its edges. */
export function reduceToServiceGraph(g: TrafficGraph, pairs: PairIndex): TrafficGraph {
  const out = newGraph('service');
  const outgoing = new Map<string, GraphEdge[]>();
  for (const e of g.edges.values()) {
    const list = outgoing.get(e.source.id);
    if (list) list.push(e);
    else outgoing.set(e.source.id, [e]);
  }
  const remap = new Map<GraphEdge, GraphEdge[]>();
  const addMapped = (from: GraphEdge, to: GraphEdge) => {
    const l = remap.get(from);
    if (l) {
      if (!l.includes(to)) l.push(to);
    } else remap.set(from, [to]);
  };
  const keep = (n: GraphNode) => {
    if (!out.nodes.has(n.id)) out.nodes.set(n.id, n);
  };
  for (const n of g.nodes.values()) {
    if (n.nodeType !== 'service') {
      if (!n.isRoot) continue;
      const toServices = (outgoing.get(n.id) ?? []).filter((e) => e.target.nodeType === 'service');
      if (toServices.length === 0) continue;
      keep(n);
      for (const e of toServices) {
        keep(e.target);
        const ne = ensureEdge(out, n, e.target, e.protocol);
        mergeInto(ne, e);
        addMapped(e, ne);
      }
      continue;
    }
    keep(n);
    // A workload reached over two protocols still counts its outgoing traffic once.
    const workloads = new Set((outgoing.get(n.id) ?? []).map((e) => e.target.id));
    for (const wl of workloads) {
      for (const toService of outgoing.get(wl) ?? []) {
        if (toService.target.nodeType !== 'service') continue;
        keep(toService.target);
        const ne = ensureEdge(out, n, toService.target, toService.protocol);
        mergeInto(ne, toService);
        addMapped(toService, ne);
      }
    }
  }
  for (const x of pairs.exchanges) {
    const mapped: GraphEdge[] = [];
    for (const e of pairs.edgesOf(x) ?? []) for (const m of remap.get(e) ?? []) if (!mapped.includes(m)) mapped.push(m);
    pairs.replace(x, mapped);
  }
  return out;
}
