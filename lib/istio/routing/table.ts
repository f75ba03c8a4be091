import { parseDuration } from '../../time/duration';
import type { DestinationRule, HTTPRoute, K8sObject, PeerAuthentication, ServiceEntry, TrafficPolicy, VirtualService } from '../types';
import { labelsMatch } from '../types';
import { fqdn, hostMatchScore } from './hosts';

/** A problem that makes an object unusable by the data plane (the proxy NACKs it and keeps the last good one). */
export interface Rejection {
  kind: string;
  namespace?: string;
  name: string;
  reason: string;
}

interface CompiledVs {
  vs: VirtualService;
  namespace: string;
  hosts: string[];
  /** Gateway names, `mesh` for sidecars; namespaced as `ns/name`. */
  gateways: string[];
}

/** The routing view of the mesh config: what a proxy needs per request, precomputed once per config version. */
export interface RoutingTable {
  version: number;
  virtualServices: CompiledVs[];
  destinationRules: { dr: DestinationRule; host: string; namespace: string }[];
  serviceEntries: { se: ServiceEntry; hosts: string[]; namespace: string }[];
  peerAuthentications: PeerAuthentication[];
  rootNamespace: string;
  rejections: Rejection[];
}

function ns(o: K8sObject): string {
  return o.metadata.namespace ?? 'default';
}

/** Structural checks Envoy would fail on; anything else is left to the validator. */
export function rejectReason(vs: VirtualService): string | undefined {
  const spec = vs.spec;
  if (!spec || !Array.isArray(spec.hosts) || spec.hosts.length === 0) return 'spec.hosts is empty';
  for (const [i, r] of (spec.http ?? []).entries()) {
    if (!r.route && !r.redirect && !r.directResponse) return `spec.http[${i}] has no route, redirect or directResponse`;
    for (const [j, d] of (r.route ?? []).entries()) {
      if (!d.destination?.host) return `spec.http[${i}].route[${j}].destination.host is missing`;
      if (d.weight !== undefined && (!Number.isInteger(d.weight) || d.weight < 0)) return `spec.http[${i}].route[${j}].weight must be a non-negative integer`;
    }
    const route = r.route ?? [];
    if (route.length > 1) {
      const sum = route.reduce((s, d) => s + (d.weight ?? 0), 0);
      if (sum === 0) return `spec.http[${i}] weights sum to 0`;
    }
    if (r.timeout !== undefined && parseDuration(r.timeout) === undefined) return `spec.http[${i}].timeout ${JSON.stringify(r.timeout)} is not a duration`;
  }
  return undefined;
}

/**
 * Compiles config objects into a routing table. `previous` supplies the last good version of objects
 * that are now rejected, as Envoy keeps serving its last accepted config after a NACK.
 */
export function compileRoutingTable(objects: readonly K8sObject[], version: number, previous?: RoutingTable, rootNamespace = 'istio-system'): RoutingTable {
  const table: RoutingTable = { version, virtualServices: [], destinationRules: [], serviceEntries: [], peerAuthentications: [], rootNamespace, rejections: [] };
  for (const o of objects) {
    switch (o.kind) {
      case 'VirtualService': {
        const vs = o as VirtualService;
        const reason = rejectReason(vs);
        if (reason) {
          table.rejections.push({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name, reason });
          const last = previous?.virtualServices.find((c) => c.vs.metadata.name === o.metadata.name && c.namespace === ns(o));
          if (last) table.virtualServices.push(last);
          break;
        }
        const n = ns(vs);
        const gws = vs.spec?.gateways && vs.spec.gateways.length > 0 ? vs.spec.gateways : ['mesh'];
        table.virtualServices.push({
          vs,
          namespace: n,
          hosts: (vs.spec?.hosts ?? []).map((h) => fqdn(h, n)),
          gateways: gws.map((g) => (g === 'mesh' || g.includes('/') ? g : `${n}/${g}`)),
        });
        break;
      }
      case 'DestinationRule': {
        const dr = o as DestinationRule;
        if (dr.spec?.host) table.destinationRules.push({ dr, host: fqdn(dr.spec.host, ns(dr)), namespace: ns(dr) });
        break;
      }
      case 'ServiceEntry': {
        const se = o as ServiceEntry;
        table.serviceEntries.push({ se, hosts: (se.spec?.hosts ?? []).map((h) => h.toLowerCase()), namespace: ns(se) });
        break;
      }
      case 'PeerAuthentication':
        table.peerAuthentications.push(o as PeerAuthentication);
        break;
      default:
    }
  }
  return table;
}

/** The most specific VirtualService for `host` bound to `gateway` (`mesh` or `ns/name`), with Istio's tie-break by age/name. */
export function findVirtualService(table: RoutingTable, host: string, gateway: string): CompiledVs | undefined {
  let best: CompiledVs | undefined;
  let bestScore = -1;
  for (const c of table.virtualServices) {
    if (!c.gateways.includes(gateway)) continue;
    for (const h of c.hosts) {
      const s = hostMatchScore(h, host);
      if (s > bestScore) {
        best = c;
        bestScore = s;
      }
    }
  }
  return best;
}

/** The DestinationRule for a host: the client's namespace first, then the host's, then the root namespace. */
export function findDestinationRule(table: RoutingTable, host: string, clientNs: string): DestinationRule | undefined {
  const candidates = table.destinationRules.filter((d) => hostMatchScore(d.host, host) >= 0);
  if (candidates.length === 0) return undefined;
  const hostNs = host.split('.')[1];
  const order = [clientNs, hostNs, table.rootNamespace];
  for (const n of order) {
    const exact = candidates.filter((d) => d.namespace === n).sort((a, b) => hostMatchScore(b.host, host) - hostMatchScore(a.host, host));
    if (exact[0]) return exact[0].dr;
  }
  return candidates[0]?.dr;
}

/** The traffic policy for a subset: the subset's own policy over the rule's. */
export function trafficPolicyFor(dr: DestinationRule | undefined, subset: string | undefined): TrafficPolicy | undefined {
  const base = dr?.spec?.trafficPolicy;
  const sub = subset ? dr?.spec?.subsets?.find((s) => s.name === subset)?.trafficPolicy : undefined;
  return sub ? { ...base, ...sub } : base;
}

/** Effective PeerAuthentication mode for a workload: workload selector > namespace > mesh-wide (root namespace). */
export function peerAuthMode(table: RoutingTable, namespace: string, labels: Record<string, string>): 'STRICT' | 'PERMISSIVE' | 'DISABLE' {
  const pas = table.peerAuthentications;
  const pick = (p: PeerAuthentication | undefined) => {
    const m = p?.spec?.mtls?.mode;
    return m === 'STRICT' || m === 'PERMISSIVE' || m === 'DISABLE' ? m : undefined;
  };
  const withSelector = pas.find((p) => p.metadata.namespace === namespace && p.spec?.selector?.matchLabels && labelsMatch(p.spec.selector.matchLabels, labels));
  const nsWide = pas.find((p) => p.metadata.namespace === namespace && !p.spec?.selector);
  const meshWide = pas.find((p) => p.metadata.namespace === table.rootNamespace && !p.spec?.selector);
  return pick(withSelector) ?? pick(nsWide) ?? pick(meshWide) ?? 'PERMISSIVE';
}

/** An HTTP route chosen for a request, or why none was. */
export type RouteChoice =
  | { kind: 'route'; vs?: VirtualService; routeIndex: number; route: HTTPRoute }
  | { kind: 'default' }
  | { kind: 'no-route'; vs: VirtualService };
