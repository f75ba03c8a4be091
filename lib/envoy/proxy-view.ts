import type { RoutingTable } from '../istio/routing';

/** One pod behind a service, as a proxy's EDS sees it. */
export interface EndpointView {
  address: string;
  port: number;
  labels: Record<string, string>;
  /** Workload name, for Istio's endpoint metadata. */
  workload: string;
  healthy: boolean;
  /** Whether it carries a sidecar (mTLS is offered only to those). */
  sidecar: boolean;
}

/** A service (or ServiceEntry host) the proxy knows, with its ports and pods. */
export interface ServiceView {
  /** FQDN (`reviews.bookinfo.svc.cluster.local`) or the ServiceEntry host as written. */
  host: string;
  namespace: string;
  ports: { port: number; protocol: 'http' | 'tcp' }[];
  endpoints: EndpointView[];
  /** A ServiceEntry host (resolved by DNS, not EDS). */
  external?: boolean;
}

/** What the proxy is (Envoy's bootstrap node). */
export interface ProxyNode {
  workload: string;
  pod: string;
  namespace: string;
  labels: Record<string, string>;
  serviceAccount: string;
  address: string;
  istioVersion: string;
}

/** Everything a config dump is built from: the proxy, the routing table it holds, and the services it can reach. */
export interface ProxyView {
  node: ProxyNode;
  table: RoutingTable;
  services: ServiceView[];
  /** `mesh` for a sidecar, `ns/name` of the Gateway a gateway proxy serves. */
  binding: string;
  /** Ports a gateway listens on (its Gateway servers); empty for sidecars. */
  gatewayPorts: number[];
  /** The app's own port (the inbound listener), when it serves one. */
  inbound?: { port: number; protocol: 'http' | 'tcp' };
  /** The config version the proxy accepted (xDS version_info). */
  versionInfo: string;
  /** When that version was applied (RFC 3339). */
  lastUpdated: string;
}

/** Istio's cluster name for a service port and subset: `outbound|9080|v1|reviews.bookinfo.svc.cluster.local`. */
export function outboundCluster(port: number, subset: string | undefined, host: string): string {
  return `outbound|${port}|${subset ?? ''}|${host}`;
}

/** Envoy's proto-JSON duration for milliseconds: `10s`, `0.250s`. */
export function protoDuration(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? `${s}s` : `${s.toFixed(3)}s`;
}

/** Istio's percentage as Envoy's fractional percent (Istio writes MILLION). */
export function millionths(percent: number): { numerator: number; denominator: 'MILLION' } {
  return { numerator: Math.round(Math.min(100, Math.max(0, percent)) * 10_000), denominator: 'MILLION' };
}

/** The istio config path Istio puts in route and cluster metadata: `/apis/networking.istio.io/v1/namespaces/ns/virtual-service/name`. */
export function istioConfigPath(kind: 'virtual-service' | 'destination-rule', namespace: string, name: string): string {
  return `/apis/networking.istio.io/v1/namespaces/${namespace}/${kind}/${name}`;
}
