/**
 * The overview's figures per namespace, in one pass: requests received at every hop (each request counted once,
 * at the namespace of its destination), entry requests (those whose caller is outside the namespace, or outside
 * the mesh), what the namespace's workloads send, and the health of each workload (received and sent, Kiali's
 * tolerances) with the worst one's reason. A gateway receives no telemetered requests but sends them: its
 * namespace shows what it sends, never "no requests".
 */
import type { NamespaceTraffic, OverviewTrafficWire } from '../api/traffic-figures';
import type { NormalisedRow } from '../graph/build-traffic';
import { isOK } from '../graph/node-id';
import type { GraphTelemetry } from '../graph/telemetry';
import { deriveGroups, emptySums, finish, peerOf } from './figures';
import { DEFAULT_HEALTH_POLICY, type HealthPolicy } from './health';
import type { ItemWindow } from './item';
import { healthOfFigures } from './verdict';

/** Most workloads judged per namespace. */
export const MAX_WORKLOADS_PER_NAMESPACE = 500;

const RANK = { NA: 0, Healthy: 1, Degraded: 2, Failure: 3 } as const;

const destNs = (n: NormalisedRow) => (isOK(n.dest.workloadNamespace) ? n.dest.workloadNamespace : n.dest.serviceNamespace);

export function overviewFigures(t: GraphTelemetry, namespaces: readonly string[], w: ItemWindow, policy: HealthPolicy = DEFAULT_HEALTH_POLICY): OverviewTrafficWire {
  const wanted = new Set(namespaces);
  const workloads = new Map<string, Set<string>>();
  const note = (ns: string, wl: string) => {
    const s = workloads.get(ns) ?? (workloads.set(ns, new Set()).get(ns) as Set<string>);
    if (s.size < MAX_WORKLOADS_PER_NAMESPACE) s.add(wl);
    return s.has(wl);
  };
  const services = new Map<string, Set<string>>();
  const noteService = (ns: string, svc: string) => {
    const s = services.get(ns) ?? (services.set(ns, new Set()).get(ns) as Set<string>);
    if (s.size < MAX_WORKLOADS_PER_NAMESPACE) s.add(svc);
    return s.has(svc);
  };
  const g = deriveGroups(
    t,
    (n) => {
      const out: [string, string][] = [];
      const d = destNs(n);
      const s = n.source.workloadNamespace;
      if (wanted.has(d)) {
        out.push([`in:${d}`, peerOf(n, 'source')]);
        if (s !== d) out.push([`entry:${d}`, peerOf(n, 'source')]);
        if (isOK(n.dest.workload) && n.dest.workloadNamespace === d && note(d, n.dest.workload)) out.push([`wi:${d}/${n.dest.workload}`, peerOf(n, 'source')]);
        if (isOK(n.dest.service) && n.dest.serviceNamespace === d && noteService(d, n.dest.service)) out.push([`s:${d}/${n.dest.service}`, peerOf(n, 'source')]);
      }
      if (wanted.has(s)) {
        out.push([`out:${s}`, peerOf(n, 'dest')]);
        if (isOK(n.source.workload) && note(s, n.source.workload)) out.push([`wo:${s}/${n.source.workload}`, peerOf(n, 'dest')]);
      }
      return out;
    },
    policy.errors,
  );
  const fig = (k: string) => finish(g.get(k) ?? emptySums(), w.durationSec);
  const result: OverviewTrafficWire['namespaces'] = [];
  for (const ns of [...wanted].sort()) {
    const entry = fig(`entry:${ns}`);
    const unhealthy: NamespaceTraffic['unhealthy'] = [];
    const perWorkload: NamespaceTraffic['workloads'] = [];
    const brief = (f: ReturnType<typeof fig>) => ({ rate: f.requests.rate, errorRate: f.errors.rate, percent: f.errors.percent, tcpBytesPerSec: f.throughput.tcpBytesPerSec });
    let worst: (NamespaceTraffic['health'] & { rank: number }) | undefined;
    for (const wl of [...(workloads.get(ns) ?? [])].sort()) {
      const fin = fig(`wi:${ns}/${wl}`);
      const fout = fig(`wo:${ns}/${wl}`);
      const h = healthOfFigures(fin, fout, policy);
      if (h.status === 'Degraded' || h.status === 'Failure') unhealthy.push({ workload: wl, health: h });
      perWorkload.push({ workload: wl, inbound: brief(fin), outbound: brief(fout), health: h });
      const rank = RANK[h.status];
      if (!worst || rank > worst.rank || (h.reason && worst.reason && rank === worst.rank && h.reason.errorPercent > worst.reason.errorPercent)) worst = { ...h, item: wl, rank };
    }
    const health = worst ? (({ rank: _rank, ...h }) => (h.status === 'Healthy' || h.status === 'NA' ? { status: h.status } : h))(worst) : { status: 'NA' as const };
    result.push({
      namespace: ns,
      inbound: fig(`in:${ns}`),
      entry: { rate: entry.requests.rate, errorRate: entry.errors.rate, percent: entry.errors.percent },
      outbound: fig(`out:${ns}`),
      health,
      services: [...(services.get(ns) ?? [])].sort().map((svc) => {
        const sf = fig(`s:${ns}/${svc}`);
        return { service: svc, rate: sf.requests.rate, errorPercent: sf.errors.percent, health: healthOfFigures(sf, undefined, policy) };
      }),
      unhealthy,
      workloads: perWorkload,
    });
  }
  return { duration: w.durationSec, timestamp: Math.floor(w.queryTimeSec), namespaces: result };
}
