/**
 * One service's figures: every request to it (served or not), per version the inbound and outbound figures,
 * health with its reason and the canary evidence, and the requests that failed at the source proxy and reached
 * no version (fault-injected aborts and the like: source telemetry with destination_workload unknown).
 */
import type { ServiceTrafficFiguresWire } from '../api/traffic-figures';
import type { NormalisedRow } from '../graph/build-traffic';
import { isOK } from '../graph/node-id';
import type { GraphTelemetry } from '../graph/telemetry';
import { countedRows, deriveGroups, emptySums, finish, peerOf } from './figures';
import { DEFAULT_HEALTH_POLICY, type HealthPolicy } from './health';
import type { ItemWindow } from './item';
import { healthOfFigures } from './verdict';

/** Most versions one service answer lists. */
export const MAX_VERSIONS = 50;

export interface ServiceQuery {
  namespace: string;
  service: string;
  /** Versions known to exist (inventory), listed even without traffic, with their workloads. */
  known?: readonly { version: string; workload: string }[];
}

const versionOf = (n: NormalisedRow) => (isOK(n.dest.version) && n.dest.version !== 'latest' ? n.dest.version : n.dest.workload);

/** The service's figures over the window. */
export function serviceFigures(t: GraphTelemetry, q: ServiceQuery, w: ItemWindow, policy: HealthPolicy = DEFAULT_HEALTH_POLICY): ServiceTrafficFiguresWire {
  const { namespace, service } = q;
  const toService = (n: NormalisedRow) => n.dest.serviceNamespace === namespace && n.dest.service === service;
  const workloads = new Map<string, string>();
  let cluster = 'Kubernetes';
  for (const k of q.known ?? []) if (workloads.size < MAX_VERSIONS) workloads.set(k.version, k.workload);
  // Pass one: which workload serves which version (outbound rows are keyed by workload).
  for (const { n } of [...countedRows(t.requests, true, toService), ...countedRows(t.tcp, true, toService, 'tcp')]) {
    if (!isOK(n.dest.workload)) continue;
    if (isOK(n.dest.cluster)) cluster = n.dest.cluster;
    const v = versionOf(n);
    if (!workloads.has(v) && workloads.size < MAX_VERSIONS) workloads.set(v, n.dest.workload);
  }
  const byWorkload = new Map([...workloads].map(([v, wl]) => [wl, v]));
  const g = deriveGroups(
    t,
    (n) => {
      const out: [string, string][] = [];
      if (toService(n)) {
        out.push(['svc', peerOf(n, 'source')]);
        if (isOK(n.dest.workload)) {
          const v = versionOf(n);
          if (workloads.has(v)) out.push([`in:${v}`, peerOf(n, 'source')]);
        } else out.push(['unserved', peerOf(n, 'source')]);
      }
      const from = n.source.workloadNamespace === namespace ? byWorkload.get(n.source.workload) : undefined;
      if (from !== undefined) out.push([`out:${from}`, peerOf(n, 'dest')], ['calls', peerOf(n, 'dest')]);
      return out;
    },
    policy.errors,
  );
  const inbound = finish(g.get('svc') ?? emptySums(), w.durationSec);
  // The service node's outbound is what it routed to its versions, as the graph's service node has it.
  const routed = finish(mergeServed(g, [...workloads.keys()]), w.durationSec);
  const versions = [...workloads]
    .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
    .map(([version, workload]) => {
      const vin = finish(g.get(`in:${version}`) ?? emptySums(), w.durationSec);
      const vout = finish(g.get(`out:${version}`) ?? emptySums(), w.durationSec);
      return {
        version,
        workload,
        nodeId: `vapp:${cluster}:${namespace}:${workload}`,
        // Of requests where there are any, else of TCP bytes (a database's versions).
        share:
          routed.requests.rate > 0
            ? Math.round((vin.requests.rate / routed.requests.rate) * 1000) / 10
            : routed.throughput.tcpBytesPerSec > 0
              ? Math.round((vin.throughput.tcpBytesPerSec / routed.throughput.tcpBytesPerSec) * 1000) / 10
              : 0,
        inbound: vin,
        outbound: vout,
        health: healthOfFigures(vin, vout, policy),
        evidence: { version, requests: vin.requests.count, failures: vin.errors.count, latency: vin.latency.histogram },
      };
    });
  // Unserved requests by flag and code (counts over the window).
  const flags: Record<string, number> = {};
  const codes: Record<string, number> = {};
  for (const { n, row } of countedRows(t.requests, true, (n) => toService(n) && !isOK(n.dest.workload))) {
    if (!(row.value > 0)) continue;
    const c = row.value * w.durationSec;
    for (const f of n.flags === '' ? ['-'] : n.flags.split(',')) flags[f] = (flags[f] ?? 0) + c;
    codes[n.code] = (codes[n.code] ?? 0) + c;
  }
  const un = finish(g.get('unserved') ?? emptySums(), w.durationSec);
  const round = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v)]));
  return {
    namespace,
    service,
    duration: w.durationSec,
    timestamp: Math.floor(w.queryTimeSec),
    inbound,
    outbound: finish(g.get('calls') ?? emptySums(), w.durationSec),
    health: healthOfFigures(inbound, routed.requests.rate > 0 ? routed : undefined, policy),
    versions,
    unserved: {
      requests: un.requests.count,
      rate: un.requests.rate,
      percent: inbound.requests.rate > 0 ? Math.round((un.requests.rate / inbound.requests.rate) * 10000) / 100 : null,
      flags: round(flags),
      codes: round(codes),
    },
  };
}

/** The versions' inbound sums merged (what the service routed to workloads). */
function mergeServed(g: Map<string, ReturnType<typeof emptySums>>, versions: string[]): ReturnType<typeof emptySums> {
  const s = emptySums();
  for (const v of versions) {
    const x = g.get(`in:${v}`);
    if (!x) continue;
    for (const p of x.protocols) s.protocols.add(p);
    s.requests += x.requests;
    s.errors += x.errors;
    for (const k of ['http', 'grpc'] as const) {
      const to = s.byProtocol[k];
      const from = x.byProtocol[k];
      to.rate += from.rate;
      to.errorRate += from.errorRate;
      for (const c in from.byClass) to.byClass[c as keyof typeof from.byClass] += from.byClass[c as keyof typeof from.byClass];
      for (const [f, r] of from.flags) to.flags.set(f, (to.flags.get(f) ?? 0) + r);
    }
    for (const k in x.byClass) s.byClass[k as keyof typeof x.byClass] += x.byClass[k as keyof typeof x.byClass];
    for (const [f, r] of x.flags) s.flags.set(f, (s.flags.get(f) ?? 0) + r);
    s.mtlsRequests += x.mtlsRequests;
    s.tcpBytes += x.tcpBytes;
    s.mtlsTcpBytes += x.mtlsTcpBytes;
    s.httpBytes += x.httpBytes;
    s.latency.add(x.latency.les, x.latency.rates);
    for (const [key, p] of x.peers) {
      const k = `${key.slice(0, key.indexOf('|'))}|${v}`;
      const to = s.peers.get(k) ?? (s.peers.set(k, { requests: 0, errors: 0 }).get(k) as { requests: number; errors: number });
      to.requests += p.requests;
      to.errors += p.errors;
    }
  }
  return s;
}
