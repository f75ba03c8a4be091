import type http from 'node:http';
import { buildConfigDump } from '../../../lib/envoy/config-dump';
import { buildClusters } from '../../../lib/envoy/config-dump-clusters';
import type { ProxyView, ServiceView } from '../../../lib/envoy/proxy-view';
import type { RoutingTable } from '../../../lib/istio/routing';
import type { Gateway } from '../../../lib/istio/types';
import type { MeshRegistry } from '../registry';
import type { ClusterStats } from './cluster-stats';
import type { WorkloadIdentity } from './identity';

export interface AdminOptions {
  identity: WorkloadIdentity;
  pod: string;
  labels: Record<string, string>;
  registry: MeshRegistry;
  routing: () => RoutingTable;
  /** The xDS version this proxy accepted and when (a NACKed push leaves it behind the control plane's). */
  accepted: () => { version: number; at: number };
  /** `mesh`, or `ns/name` of the Gateway a gateway proxy serves. */
  binding: () => string;
  gateways: () => Gateway[];
  stats: ClusterStats;
  inbound?: { port: number; protocol: 'http' | 'tcp' };
}

/** The services this proxy can reach, as EDS would give them: the registry's pods and the ServiceEntry hosts. */
function servicesOf(o: AdminOptions, table: RoutingTable): ServiceView[] {
  const out: ServiceView[] = [];
  for (const svc of o.registry.allServices()) {
    const host = `${svc.name}.${svc.namespace}.svc.cluster.local`;
    const endpoints = o.registry.endpointsFor(host).map((e) => ({ address: e.host, port: e.port, labels: e.labels, workload: e.identity.name, healthy: true, sidecar: e.sidecar }));
    out.push({ host, namespace: svc.namespace, ports: [{ port: svc.port, protocol: svc.protocol }], endpoints });
  }
  for (const se of table.serviceEntries) {
    for (const host of se.hosts) {
      const address = o.registry.externalAddress(host);
      const ports = (se.se.spec?.ports ?? []).map((p) => ({ port: p.number ?? 80, protocol: /^(HTTP|HTTP2|GRPC)$/i.test(p.protocol ?? '') ? ('http' as const) : ('tcp' as const) }));
      out.push({ host, namespace: se.namespace, ports: ports.length > 0 ? ports : [{ port: 80, protocol: 'http' }], endpoints: address ? [{ address: address.host, port: address.port, labels: {}, workload: host, healthy: true, sidecar: false }] : [], external: true });
    }
  }
  return out.sort((a, b) => a.host.localeCompare(b.host));
}

/** The proxy's view of the mesh right now: what its config dump is built from. */
export function proxyView(o: AdminOptions): ProxyView {
  const table = o.routing();
  const binding = o.binding();
  const gw = binding === 'mesh' ? undefined : o.gateways().find((g) => `${g.metadata.namespace ?? 'default'}/${g.metadata.name}` === binding);
  const accepted = o.accepted();
  const view: ProxyView = {
    node: { workload: o.identity.name, pod: o.pod, namespace: o.identity.namespace, labels: o.labels, serviceAccount: o.identity.serviceAccount, address: '127.0.0.1', istioVersion: '1.27.0' },
    table,
    services: servicesOf(o, table),
    binding,
    gatewayPorts: [...new Set((gw?.spec?.servers ?? []).map((s) => s.port?.number).filter((p): p is number => p !== undefined))],
    versionInfo: String(accepted.version),
    lastUpdated: new Date(accepted.at).toISOString(),
  };
  if (o.inbound && binding === 'mesh') view.inbound = o.inbound;
  return view;
}

/** Envoy's text `/clusters`: per cluster its defaults, then per host its counters, health and weight. */
function clustersText(o: AdminOptions): string {
  const { clusters, endpoints } = buildClusters(proxyView(o));
  const lines: string[] = [];
  for (const c of clusters) {
    const t = c.circuit_breakers?.thresholds[0] ?? {};
    for (const k of ['max_connections', 'max_pending_requests', 'max_requests', 'max_retries']) lines.push(`${c.name}::default_priority::${k}::${String(t[k] ?? 1024)}`);
    lines.push(`${c.name}::added_via_api::${c.type === 'EDS' || c.type === 'STRICT_DNS' ? 'true' : 'false'}`);
    const cla = c.load_assignment ?? endpoints.find((e) => e.cluster_name === c.name);
    for (const lb of cla?.endpoints.flatMap((l) => l.lb_endpoints) ?? []) {
      const host = `${lb.endpoint.address.socket_address.address}:${lb.endpoint.address.socket_address.port_value}`;
      const s = o.stats.of(c.name, host);
      lines.push(`${c.name}::${host}::cx_active::0`, `${c.name}::${host}::rq_error::${s.errors}`, `${c.name}::${host}::rq_total::${s.total}`, `${c.name}::${host}::health_flags::${lb.health_status === 'HEALTHY' ? 'healthy' : '/failed_eds_health'}`, `${c.name}::${host}::weight::${lb.load_balancing_weight}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Envoy's admin API for the paths Meshlens reads (`/config_dump`, `?include_eds`, `/clusters`), answered from the
 * shim's live routing table; true when it answered.
 */
export function serveAdmin(o: AdminOptions, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (req.method !== 'GET') return false;
  const url = new URL(req.url ?? '/', 'http://admin');
  if (url.pathname === '/config_dump') {
    const dump = buildConfigDump(proxyView(o), { includeEds: url.searchParams.has('include_eds') });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(dump, null, 2));
    return true;
  }
  if (url.pathname === '/clusters') {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(clustersText(o));
    return true;
  }
  return false;
}
