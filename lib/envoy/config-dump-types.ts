/**
 * The parts of Envoy's admin `/config_dump` (envoy.admin.v3.*ConfigDump) Meshlens writes and reads. Field names are
 * Envoy's proto JSON names (snake_case), so a dump from a real Envoy and one from the demo's shim read the same.
 */

export const TYPE = {
  bootstrap: 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump',
  clusters: 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
  listeners: 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
  routes: 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump',
  endpoints: 'type.googleapis.com/envoy.admin.v3.EndpointsConfigDump',
  cluster: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  listener: 'type.googleapis.com/envoy.config.listener.v3.Listener',
  routeConfiguration: 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
  clusterLoadAssignment: 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
  hcm: 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  tcpProxy: 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
  fault: 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault',
} as const;

export interface FractionalPercent {
  numerator: number;
  denominator: 'HUNDRED' | 'TEN_THOUSAND' | 'MILLION';
}

export interface EnvoyStringMatcher {
  exact?: string;
  prefix?: string;
  safe_regex?: { regex: string };
}

export interface EnvoyRouteMatch {
  prefix?: string;
  path?: string;
  safe_regex?: { regex: string };
  case_sensitive?: boolean;
  headers?: { name: string; string_match?: EnvoyStringMatcher; present_match?: boolean; invert_match?: boolean }[];
  query_parameters?: { name: string; string_match: EnvoyStringMatcher }[];
}

export interface EnvoyRetryPolicy {
  retry_on: string;
  num_retries: number;
  per_try_timeout?: string;
  retry_host_predicate?: { name: string }[];
  host_selection_retry_max_attempts?: string;
  retriable_status_codes?: number[];
}

export interface EnvoyRouteAction {
  cluster?: string;
  weighted_clusters?: { clusters: { name: string; weight: number }[] };
  timeout: string;
  retry_policy?: EnvoyRetryPolicy;
  request_mirror_policies?: { cluster: string; runtime_fraction: { default_value: FractionalPercent } }[];
  prefix_rewrite?: string;
  regex_rewrite?: unknown;
  max_grpc_timeout?: string;
}

export interface EnvoyRoute {
  name?: string;
  match: EnvoyRouteMatch;
  route?: EnvoyRouteAction;
  redirect?: { path_redirect?: string; host_redirect?: string; response_code?: string };
  direct_response?: { status: number; body?: { inline_string: string } };
  metadata?: { filter_metadata: { istio: { config: string } } };
  decorator?: { operation: string };
  typed_per_filter_config?: Record<string, unknown>;
  request_headers_to_add?: { header: { key: string; value: string }; append_action: string }[];
  request_headers_to_remove?: string[];
}

export interface EnvoyVirtualHost {
  name: string;
  domains: string[];
  routes: EnvoyRoute[];
  include_request_attempt_count?: boolean;
}

export interface EnvoyRouteConfiguration {
  '@type': typeof TYPE.routeConfiguration;
  name: string;
  virtual_hosts: EnvoyVirtualHost[];
  validate_clusters: boolean;
}

export interface EnvoyCluster {
  '@type': typeof TYPE.cluster;
  name: string;
  type: 'EDS' | 'STRICT_DNS' | 'ORIGINAL_DST' | 'STATIC';
  eds_cluster_config?: { eds_config: { ads: Record<string, never>; initial_fetch_timeout: string; resource_api_version: 'V3' }; service_name: string };
  connect_timeout: string;
  lb_policy: string;
  circuit_breakers?: { thresholds: Record<string, unknown>[] };
  outlier_detection?: Record<string, unknown>;
  transport_socket_matches?: { name: string; match: Record<string, string>; transport_socket: { name: string } }[];
  metadata?: { filter_metadata: { istio: Record<string, unknown> } };
  load_assignment?: EnvoyClusterLoadAssignment;
}

export interface EnvoyLbEndpoint {
  endpoint: { address: { socket_address: { address: string; port_value: number } } };
  health_status: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  metadata?: { filter_metadata: { istio: { workload: string } } };
  load_balancing_weight: number;
}

export interface EnvoyClusterLoadAssignment {
  '@type'?: typeof TYPE.clusterLoadAssignment;
  cluster_name: string;
  endpoints: { locality: Record<string, string>; lb_endpoints: EnvoyLbEndpoint[] }[];
}

export interface EnvoyListener {
  '@type': typeof TYPE.listener;
  name: string;
  address: { socket_address: { address: string; port_value: number } };
  filter_chains: { name?: string; filter_chain_match?: Record<string, unknown>; filters: { name: string; typed_config: Record<string, unknown> }[] }[];
  use_original_dst?: boolean;
  traffic_direction: 'INBOUND' | 'OUTBOUND';
  bind_to_port?: boolean;
}

export interface EnvoyConfigDump {
  configs: Record<string, unknown>[];
}
