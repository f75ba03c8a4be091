import { buildClusters, staticClusters } from './config-dump-clusters';
import { buildRouteConfigs } from './config-dump-routes';
import { TYPE, type EnvoyConfigDump, type EnvoyListener } from './config-dump-types';
import { outboundCluster, type ProxyView } from './proxy-view';

const addr = (address: string, port: number) => ({ socket_address: { address, port_value: port } });

function hcm(statPrefix: string, routeConfig: string) {
  return {
    name: 'envoy.filters.network.http_connection_manager',
    typed_config: { '@type': TYPE.hcm, stat_prefix: statPrefix, rds: { config_source: { ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' }, route_config_name: routeConfig }, http_filters: [{ name: 'istio.metadata_exchange' }, { name: 'envoy.filters.http.fault' }, { name: 'envoy.filters.http.cors' }, { name: 'istio.stats' }, { name: 'envoy.filters.http.router' }] },
  };
}

function tcpProxy(statPrefix: string, cluster: string) {
  return { name: 'envoy.filters.network.tcp_proxy', typed_config: { '@type': TYPE.tcpProxy, stat_prefix: statPrefix, cluster } };
}

/**
 * Listeners as Istio gives a sidecar: `virtualOutbound` (15001, original destination) and `virtualInbound` (15006)
 * with a filter chain for the app's port, then one outbound listener per service port (`0.0.0.0_9080` with RDS for
 * HTTP, a tcp_proxy for TCP). A gateway gets one listener per Gateway port (`0.0.0.0_8080`, RDS `http.8080`).
 */
export function buildListeners(view: ProxyView): EnvoyListener[] {
  const L = (name: string, address: string, port: number, direction: EnvoyListener['traffic_direction'], chains: EnvoyListener['filter_chains'], extra: Partial<EnvoyListener> = {}): EnvoyListener =>
    ({ '@type': TYPE.listener, name, address: addr(address, port), filter_chains: chains, traffic_direction: direction, ...extra });
  if (view.binding !== 'mesh') {
    return view.gatewayPorts.map((p) => L(`0.0.0.0_${p}`, '0.0.0.0', p, 'OUTBOUND', [{ filters: [hcm(`outbound_0.0.0.0_${p}`, `http.${p}`)] }]));
  }
  const out: EnvoyListener[] = [
    L('virtualOutbound', '0.0.0.0', 15001, 'OUTBOUND', [{ name: 'virtualOutbound-blackhole', filters: [tcpProxy('PassthroughCluster', 'PassthroughCluster')] }], { use_original_dst: true }),
  ];
  const inboundChains: EnvoyListener['filter_chains'] = [];
  if (view.inbound) {
    const { port, protocol } = view.inbound;
    const cluster = `inbound|${port}||`;
    inboundChains.push({ name: `0.0.0.0_${port}`, filter_chain_match: { destination_port: port }, filters: [protocol === 'http' ? hcm(`inbound_0.0.0.0_${port}`, cluster) : tcpProxy(`inbound_0.0.0.0_${port}`, cluster)] });
  }
  inboundChains.push({ name: 'virtualInbound-catchall-http', filters: [tcpProxy('InboundPassthroughCluster', 'InboundPassthroughCluster')] });
  out.push(L('virtualInbound', '0.0.0.0', 15006, 'INBOUND', inboundChains, { use_original_dst: true }));
  const seen = new Set<number>();
  for (const s of view.services) {
    for (const { port, protocol } of s.ports) {
      if (protocol === 'http') {
        if (seen.has(port)) continue;
        seen.add(port);
        out.push(L(`0.0.0.0_${port}`, '0.0.0.0', port, 'OUTBOUND', [{ filters: [hcm(`outbound_0.0.0.0_${port}`, String(port))] }], { bind_to_port: false }));
      } else {
        out.push(L(`${s.host}_${port}`, '0.0.0.0', port, 'OUTBOUND', [{ filter_chain_match: { server_names: [s.host] }, filters: [tcpProxy(outboundCluster(port, undefined, s.host), outboundCluster(port, undefined, s.host))] }], { bind_to_port: false }));
      }
    }
  }
  return out;
}

/**
 * Envoy's admin `/config_dump` for a proxy holding `view`'s routing table: bootstrap, clusters, listeners, routes,
 * and (as `?include_eds` asks) endpoints, each dynamic resource stamped with the accepted version.
 */
export function buildConfigDump(view: ProxyView, opts: { includeEds: boolean }): EnvoyConfigDump {
  const stamp = { version_info: view.versionInfo, last_updated: view.lastUpdated };
  const { clusters, endpoints } = buildClusters(view);
  const n = view.node;
  const configs: Record<string, unknown>[] = [
    {
      '@type': TYPE.bootstrap,
      bootstrap: {
        node: {
          id: `${view.binding === 'mesh' ? 'sidecar' : 'router'}~${n.address}~${n.pod}.${n.namespace}~${n.namespace}.svc.cluster.local`,
          cluster: `${n.workload}.${n.namespace}`,
          metadata: { NAMESPACE: n.namespace, WORKLOAD_NAME: n.workload, NAME: n.pod, LABELS: n.labels, SERVICE_ACCOUNT: n.serviceAccount, ISTIO_VERSION: n.istioVersion, CLUSTER_ID: 'Kubernetes' },
          user_agent_name: 'envoy',
        },
      },
      last_updated: view.lastUpdated,
    },
    { '@type': TYPE.clusters, version_info: view.versionInfo, static_clusters: staticClusters().map((cluster) => ({ cluster, last_updated: view.lastUpdated })), dynamic_active_clusters: clusters.map((cluster) => ({ ...stamp, cluster })) },
    { '@type': TYPE.listeners, version_info: view.versionInfo, dynamic_listeners: buildListeners(view).map((listener) => ({ name: listener.name, active_state: { ...stamp, listener } })) },
    { '@type': TYPE.routes, dynamic_route_configs: buildRouteConfigs(view).map((route_config) => ({ ...stamp, route_config })) },
  ];
  if (opts.includeEds) configs.push({ '@type': TYPE.endpoints, dynamic_endpoint_configs: endpoints.map((endpoint_config) => ({ ...stamp, endpoint_config })) });
  return { configs };
}
