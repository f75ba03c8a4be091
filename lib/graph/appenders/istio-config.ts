import type { DestinationRule, TrafficPolicy, VirtualService } from '../../istio/types';
import type { GraphNode } from '../model';
import { isOK } from '../node-id';
import { fqdn, hostMatches, serviceHost } from './hosts';
import type { Appender } from './types';

function vsCovers(vs: VirtualService, host: string): boolean {
  const ns = vs.metadata.namespace ?? 'default';
  // A VirtualService bound only to gateways (e.g. bookinfo's `hosts: ["*"]` on the ingress) does not route mesh traffic.
  const gateways = vs.spec?.gateways ?? [];
  if (gateways.length > 0 && !gateways.includes('mesh')) return false;
  return (vs.spec?.hosts ?? []).some((h) => typeof h === 'string' && hostMatches(fqdn(h, ns), host));
}

function drCovers(dr: DestinationRule, host: string): boolean {
  const h = dr.spec?.host;
  return typeof h === 'string' && hostMatches(fqdn(h, dr.metadata.namespace ?? 'default'), host);
}

function hasCircuitBreaker(p: TrafficPolicy | undefined): boolean {
  if (!p) return false;
  if (p.connectionPool || p.outlierDetection) return true;
  return (p.portLevelSettings ?? []).some((s) => Boolean(s.connectionPool || s.outlierDetection));
}

function applyVirtualService(n: GraphNode, vs: VirtualService): void {
  const spec = vs.spec ?? {};
  const hostnames = [...(n.hasVS?.hostnames ?? []), ...(spec.hosts ?? [])];
  n.hasVS = { hostnames: [...new Set(hostnames)] };
  for (const r of spec.http ?? []) {
    if ((r.route?.length ?? 0) > 1) n.hasTrafficShifting = true;
    if ((r.match?.length ?? 0) > 0 || (spec.http?.length ?? 0) > 1) n.hasRequestRouting = true;
    if (r.fault && (r.fault.abort || r.fault.delay)) n.hasFaultInjection = true;
    if (r.timeout) n.hasRequestTimeout = true;
    if (r.mirror || (r.mirrors?.length ?? 0) > 0) n.hasMirroring = true;
  }
  for (const r of spec.tcp ?? []) if ((r.route?.length ?? 0) > 1) n.hasTCPTrafficShifting = true;
}

/**
 * Config badges from the mesh config (Kiali's istio_details appender): VirtualService features on the service
 * nodes their hosts cover, circuit breakers from DestinationRules on services and on the app/workload nodes
 * of a subset that has one. When a service has no node in the graph (no service injection), its badges go on
 * the nodes that serve it.
 */
export const istioConfigAppender: Appender = {
  name: 'istioConfig',
  append(g, ctx) {
    const { virtualServices, destinationRules } = ctx.config;
    if (virtualServices.length === 0 && destinationRules.length === 0) return g;
    const serviceNodes = new Set<string>();
    for (const n of g.nodes.values()) if (n.nodeType === 'service' && isOK(n.service)) serviceNodes.add(serviceHost(n.service, n.namespace));
    for (const n of g.nodes.values()) {
      const hosts: string[] = [];
      if (n.nodeType === 'service' && isOK(n.service)) hosts.push(serviceHost(n.service, n.namespace));
      else for (const s of n.destServices.values()) {
        const h = serviceHost(s.name, s.namespace);
        if (!serviceNodes.has(h)) hosts.push(h);
      }
      for (const host of hosts) {
        for (const vs of virtualServices) if (vsCovers(vs, host)) applyVirtualService(n, vs);
        for (const dr of destinationRules) if (drCovers(dr, host) && hasCircuitBreaker(dr.spec?.trafficPolicy)) n.hasCB = true;
      }
      // A subset with its own circuit breaker badges the version it selects.
      if ((n.nodeType === 'app' || n.nodeType === 'workload') && isOK(n.version)) {
        for (const s of n.destServices.values()) {
          const host = serviceHost(s.name, s.namespace);
          for (const dr of destinationRules) {
            if (!drCovers(dr, host)) continue;
            const subsets = dr.spec?.subsets ?? [];
            if (subsets.some((ss) => ss.labels?.version === n.version && hasCircuitBreaker(ss.trafficPolicy))) n.hasCB = true;
          }
        }
      }
    }
    return g;
  },
};
