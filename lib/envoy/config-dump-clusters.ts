import { findDestinationRule, peerAuthMode, trafficPolicyFor } from '../istio/routing';
import { labelsMatch, type DestinationRule, type TrafficPolicy } from '../istio/types';
import { parseDuration } from '../time/duration';
import { TYPE, type EnvoyCluster, type EnvoyClusterLoadAssignment } from './config-dump-types';
import { istioConfigPath, outboundCluster, protoDuration, type ProxyView, type ServiceView } from './proxy-view';

/** Istio's default connect timeout (meshConfig.connectTimeout). */
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX = 4_294_967_295;

const LB: Record<string, string> = { ROUND_ROBIN: 'ROUND_ROBIN', LEAST_CONN: 'LEAST_REQUEST', LEAST_REQUEST: 'LEAST_REQUEST', RANDOM: 'RANDOM', PASSTHROUGH: 'CLUSTER_PROVIDED' };

function circuitBreakers(p: TrafficPolicy | undefined): EnvoyCluster['circuit_breakers'] {
  const pool = p?.connectionPool as { tcp?: { maxConnections?: number }; http?: { http1MaxPendingRequests?: number; http2MaxRequests?: number; maxRetries?: number } } | undefined;
  return {
    thresholds: [{
      max_connections: pool?.tcp?.maxConnections ?? DEFAULT_MAX,
      max_pending_requests: pool?.http?.http1MaxPendingRequests ?? DEFAULT_MAX,
      max_requests: pool?.http?.http2MaxRequests ?? DEFAULT_MAX,
      max_retries: pool?.http?.maxRetries ?? DEFAULT_MAX,
      track_remaining: true,
    }],
  };
}

function outlier(p: TrafficPolicy | undefined): Record<string, unknown> | undefined {
  const o = p?.outlierDetection;
  if (!o) return undefined;
  const out: Record<string, unknown> = {};
  const n = o.consecutive5xxErrors ?? o.consecutiveErrors;
  if (n !== undefined) out.consecutive_5xx = n;
  const interval = o.interval ? parseDuration(o.interval) : undefined;
  if (interval !== undefined) out.interval = protoDuration(interval);
  const eject = o.baseEjectionTime ? parseDuration(o.baseEjectionTime) : undefined;
  if (eject !== undefined) out.base_ejection_time = protoDuration(eject);
  if (o.maxEjectionPercent !== undefined) out.max_ejection_percent = o.maxEjectionPercent;
  return out;
}

function connectTimeout(p: TrafficPolicy | undefined): string {
  const raw = (p?.connectionPool as { tcp?: { connectTimeout?: string } } | undefined)?.tcp?.connectTimeout;
  const t = raw ? parseDuration(raw) : undefined;
  return protoDuration(t ?? DEFAULT_CONNECT_TIMEOUT_MS);
}

function cluster(view: ProxyView, s: ServiceView, port: number, dr: DestinationRule | undefined, subset: string | undefined): EnvoyCluster {
  const name = outboundCluster(port, subset, s.host);
  const policy = trafficPolicyFor(dr, subset);
  const c: EnvoyCluster = {
    '@type': TYPE.cluster,
    name,
    type: s.external ? 'STRICT_DNS' : 'EDS',
    connect_timeout: connectTimeout(policy),
    lb_policy: LB[policy?.loadBalancer?.simple ?? 'LEAST_REQUEST'] ?? 'LEAST_REQUEST',
    circuit_breakers: circuitBreakers(policy),
  };
  if (!s.external) c.eds_cluster_config = { eds_config: { ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' }, service_name: name };
  const od = outlier(policy);
  if (od) c.outlier_detection = od;
  // Auto mTLS: Istio offers ISTIO_MUTUAL to endpoints labelled tlsMode=istio unless the DestinationRule says otherwise.
  const mode = policy?.tls?.mode;
  const firstEp = s.endpoints[0];
  const serverMode = firstEp ? peerAuthMode(view.table, s.namespace, firstEp.labels) : 'PERMISSIVE';
  if (!s.external && (mode === undefined || mode === 'ISTIO_MUTUAL') && serverMode !== 'DISABLE') {
    c.transport_socket_matches = [
      { name: 'tlsMode-istio', match: { tlsMode: 'istio' }, transport_socket: { name: 'envoy.transport_sockets.tls' } },
      { name: 'tlsMode-disabled', match: {}, transport_socket: { name: 'envoy.transport_sockets.raw_buffer' } },
    ];
  }
  const istio: Record<string, unknown> = { services: [{ host: s.host, name: s.host.split('.')[0], namespace: s.namespace }] };
  if (dr) istio.config = istioConfigPath('destination-rule', dr.metadata.namespace ?? 'default', dr.metadata.name);
  if (subset) istio.subset = subset;
  c.metadata = { filter_metadata: { istio } };
  if (s.external) c.load_assignment = loadAssignment(name, s, undefined);
  return c;
}

function loadAssignment(name: string, s: ServiceView, labels: Record<string, string> | undefined): EnvoyClusterLoadAssignment {
  const eps = s.endpoints.filter((e) => labelsMatch(labels, e.labels));
  return {
    '@type': TYPE.clusterLoadAssignment,
    cluster_name: name,
    endpoints: eps.length === 0 ? [] : [{
      locality: {},
      lb_endpoints: eps.map((e) => ({
        endpoint: { address: { socket_address: { address: e.address, port_value: e.port } } },
        health_status: e.healthy ? 'HEALTHY' : 'UNHEALTHY',
        metadata: { filter_metadata: { istio: { workload: `${e.workload};${s.namespace}` } } },
        load_balancing_weight: 1,
      })),
    }],
  };
}

const staticCluster = (name: string, type: EnvoyCluster['type'], lb = 'CLUSTER_PROVIDED'): EnvoyCluster => ({ '@type': TYPE.cluster, name, type, connect_timeout: '10s', lb_policy: lb });

/** Static clusters every Istio sidecar has (from its bootstrap and the passthrough/blackhole defaults). */
export function staticClusters(): EnvoyCluster[] {
  return [staticCluster('BlackHoleCluster', 'STATIC', 'ROUND_ROBIN'), staticCluster('PassthroughCluster', 'ORIGINAL_DST'), staticCluster('InboundPassthroughCluster', 'ORIGINAL_DST'), staticCluster('prometheus_stats', 'STATIC', 'ROUND_ROBIN'), staticCluster('agent', 'STATIC', 'ROUND_ROBIN'), staticCluster('xds-grpc', 'STATIC', 'ROUND_ROBIN'), staticCluster('sds-grpc', 'STATIC', 'ROUND_ROBIN')];
}

/**
 * Dynamic clusters as Istio builds them: per service port an `outbound|PORT||HOST` cluster, one more per
 * DestinationRule subset (`outbound|PORT|SUBSET|HOST`) with the subset's merged traffic policy, and the inbound
 * cluster for the app's own port. Endpoint assignments (EDS) come with them, subset-filtered by label.
 */
export function buildClusters(view: ProxyView): { clusters: EnvoyCluster[]; endpoints: EnvoyClusterLoadAssignment[] } {
  const clusters: EnvoyCluster[] = [];
  const endpoints: EnvoyClusterLoadAssignment[] = [];
  for (const s of view.services) {
    const dr = findDestinationRule(view.table, s.host, view.node.namespace);
    for (const { port } of s.ports) {
      const subsets: (string | undefined)[] = [undefined, ...(dr?.spec?.subsets ?? []).map((x) => x.name).filter((n): n is string => Boolean(n))];
      for (const subset of subsets) {
        const c = cluster(view, s, port, dr, subset);
        clusters.push(c);
        if (!s.external) endpoints.push(loadAssignment(c.name, s, subset ? dr?.spec?.subsets?.find((x) => x.name === subset)?.labels ?? {} : undefined));
      }
    }
  }
  if (view.inbound) {
    const name = `inbound|${view.inbound.port}||`;
    clusters.push({
      '@type': TYPE.cluster, name, type: 'STATIC', connect_timeout: '10s', lb_policy: 'CLUSTER_PROVIDED',
      load_assignment: { cluster_name: name, endpoints: [{ locality: {}, lb_endpoints: [{ endpoint: { address: { socket_address: { address: '127.0.0.6', port_value: view.inbound.port } } }, health_status: 'HEALTHY', load_balancing_weight: 1 }] }] },
    });
  }
  clusters.sort((a, b) => a.name.localeCompare(b.name));
  endpoints.sort((a, b) => a.cluster_name.localeCompare(b.cluster_name));
  return { clusters, endpoints };
}
