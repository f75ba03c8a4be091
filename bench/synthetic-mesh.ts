/**
 * A synthetic Istio mesh for benches: `workloads` workloads over 10 namespaces, each calling
 * `edges / workloads` others, both proxies reporting, with Istio's full label set and histograms.
 */
import { ISTIO_DURATION_BUCKETS, type IstioTraffic, type IstioWorkload } from '../lib/metrics/istio';

export interface SyntheticMesh {
  workloads: IstioWorkload[];
  /** Traffic each proxy reports, by workload index, with counters after `seconds` of traffic. */
  proxyTraffic(index: number, seconds: number): IstioTraffic[];
  namespaces: string[];
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticMesh(workloadCount: number, edgeCount: number): SyntheticMesh {
  const random = rng(42);
  const namespaces = Array.from({ length: 10 }, (_, i) => `ns-${i}`);
  const workloads: IstioWorkload[] = Array.from({ length: workloadCount }, (_, i) => ({
    name: `svc-${i}-v${(i % 3) + 1}`,
    namespace: namespaces[i % namespaces.length] as string,
    app: `svc-${i}`,
    version: `v${(i % 3) + 1}`,
  }));
  const edges: { from: number; to: number; rate: number; latency: number; errors: boolean }[] = [];
  const perSource = Math.ceil(edgeCount / workloadCount);
  for (let from = 0; from < workloadCount && edges.length < edgeCount; from++) {
    const targets = new Set<number>();
    while (targets.size < perSource) {
      const to = Math.floor(random() * workloadCount);
      if (to !== from) targets.add(to);
    }
    for (const to of targets) {
      if (edges.length >= edgeCount) break;
      edges.push({ from, to, rate: 0.5 + random() * 20, latency: 1 + random() * 300, errors: random() < 0.1 });
    }
  }
  const outgoing = new Map<number, typeof edges>();
  const incoming = new Map<number, typeof edges>();
  for (const e of edges) {
    (outgoing.get(e.from) ?? outgoing.set(e.from, []).get(e.from))?.push(e);
    (incoming.get(e.to) ?? incoming.set(e.to, []).get(e.to))?.push(e);
  }
  const traffic = (e: (typeof edges)[number], reporter: 'source' | 'destination', seconds: number): IstioTraffic[] => {
    const src = workloads[e.from] as IstioWorkload;
    const dst = workloads[e.to] as IstioWorkload;
    const base = { reporter, source: src, destination: dst, service: { name: dst.app, namespace: dst.namespace }, protocol: 'http' as const, mtls: true };
    const ok = e.rate * seconds * (e.errors ? 0.9 : 1);
    const codes: [string, number][] = e.errors ? [['200', ok], ['503', e.rate * seconds * 0.1]] : [['200', ok]];
    return codes.map(([code, count]) => ({
      ...base,
      code,
      count,
      durationBuckets: ISTIO_DURATION_BUCKETS.map((b) => (e.latency <= b ? count : 0)),
      durationSumMs: count * e.latency,
      responseBytes: count * 700,
      requestBytes: count * 100,
    }));
  };
  return {
    workloads,
    namespaces,
    proxyTraffic(index, seconds) {
      return [
        ...(outgoing.get(index) ?? []).flatMap((e) => traffic(e, 'source', seconds)),
        ...(incoming.get(index) ?? []).flatMap((e) => traffic(e, 'destination', seconds)),
      ];
    },
  };
}
