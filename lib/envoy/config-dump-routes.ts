import { findVirtualService, percentOf, retryPolicy, type RoutingTable } from '../istio/routing';
import { fqdn } from '../istio/routing/hosts';
import type { HTTPMatchRequest, HTTPRoute, StringMatch, VirtualService } from '../istio/types';
import { parseDuration } from '../time/duration';
import { TYPE, type EnvoyRetryPolicy, type EnvoyRoute, type EnvoyRouteAction, type EnvoyRouteConfiguration, type EnvoyRouteMatch, type EnvoyStringMatcher, type EnvoyVirtualHost } from './config-dump-types';
import { istioConfigPath, millionths, outboundCluster, protoDuration, type ProxyView, type ServiceView } from './proxy-view';

const CLUSTER_SUFFIX = '.svc.cluster.local';

/** Istio's domains for a service's virtual host: FQDN, and the short forms that resolve from the proxy's namespace. */
export function virtualHostDomains(host: string, port: number, clientNs: string): string[] {
  const names = [host];
  if (host.endsWith(CLUSTER_SUFFIX)) {
    const [name, ns] = host.split('.') as [string, string];
    names.push(`${name}.${ns}.svc`, `${name}.${ns}`);
    if (ns === clientNs) names.push(name);
  }
  return names.flatMap((n) => [n, `${n}:${port}`]);
}

function stringMatcher(m: StringMatch): EnvoyStringMatcher | undefined {
  if (m.exact !== undefined) return { exact: m.exact };
  if (m.prefix !== undefined) return { prefix: m.prefix };
  if (m.regex !== undefined) return { safe_regex: { regex: m.regex } };
  return undefined;
}

function routeMatch(m: HTTPMatchRequest | undefined): EnvoyRouteMatch {
  const out: EnvoyRouteMatch = {};
  const uri = m?.uri;
  if (uri?.exact !== undefined) out.path = uri.exact;
  else if (uri?.regex !== undefined) out.safe_regex = { regex: uri.regex };
  else out.prefix = uri?.prefix ?? '/';
  if (m?.ignoreUriCase) out.case_sensitive = false;
  const headers: NonNullable<EnvoyRouteMatch['headers']> = [];
  if (m?.method) {
    const sm = stringMatcher(m.method);
    if (sm) headers.push({ name: ':method', string_match: sm });
  }
  if (m?.authority) {
    const sm = stringMatcher(m.authority);
    if (sm) headers.push({ name: ':authority', string_match: sm });
  }
  for (const [name, v] of Object.entries(m?.headers ?? {})) {
    const sm = stringMatcher(v);
    headers.push(sm ? { name, string_match: sm } : { name, present_match: true });
  }
  for (const [name, v] of Object.entries(m?.withoutHeaders ?? {})) {
    const sm = stringMatcher(v);
    headers.push(sm ? { name, string_match: sm, invert_match: true } : { name, present_match: true, invert_match: true });
  }
  if (headers.length > 0) out.headers = headers;
  const query = Object.entries(m?.queryParams ?? {}).flatMap(([name, v]) => {
    const sm = stringMatcher(v);
    return sm ? [{ name, string_match: sm }] : [];
  });
  if (query.length > 0) out.query_parameters = query;
  return out;
}

/** The retry policy Envoy gets, from the same normalisation the demo's shim enforces (lib/istio/routing). */
export function envoyRetryPolicy(route: HTTPRoute | undefined): EnvoyRetryPolicy | undefined {
  const p = retryPolicy(route?.retries);
  if (p.attempts === 0) return undefined;
  const retryOn = [...p.retryOn];
  const codes = [...p.retriableStatus].sort((a, b) => a - b);
  if (codes.length > 0 && !retryOn.includes('retriable-status-codes')) retryOn.push('retriable-status-codes');
  const out: EnvoyRetryPolicy = {
    retry_on: retryOn.join(','),
    num_retries: p.attempts,
    retry_host_predicate: [{ name: 'envoy.retry_host_predicates.previous_hosts' }],
    host_selection_retry_max_attempts: '5',
  };
  if (p.perTryTimeoutMs !== undefined) out.per_try_timeout = protoDuration(p.perTryTimeoutMs);
  // Istio adds 503 to the default policy's retriable codes.
  if (codes.length > 0) out.retriable_status_codes = codes;
  else if (route?.retries === undefined) out.retriable_status_codes = [503];
  return out;
}

function faultConfig(route: HTTPRoute): Record<string, unknown> | undefined {
  const f = route.fault;
  if (!f) return undefined;
  const out: Record<string, unknown> = { '@type': TYPE.fault };
  const delay = f.delay?.fixedDelay ? parseDuration(f.delay.fixedDelay) : undefined;
  if (delay !== undefined) out.delay = { fixed_delay: protoDuration(delay), percentage: millionths(percentOf(f.delay?.percentage, f.delay?.percent)) };
  if (f.abort?.httpStatus !== undefined) out.abort = { http_status: f.abort.httpStatus, percentage: millionths(percentOf(f.abort.percentage)) };
  return out.delay || out.abort ? out : undefined;
}

/** Where a destination goes as a cluster name; `port` is the route config's when the destination names none. */
function destCluster(host: string | undefined, subset: string | undefined, destPort: number | undefined, vsNs: string, port: number, services: ServiceView[]): string {
  const h = fqdn(host ?? '', vsNs);
  const svc = services.find((s) => s.host === h);
  const p = destPort ?? (svc && svc.ports.length === 1 ? (svc.ports[0] as { port: number }).port : port);
  return outboundCluster(p, subset, h);
}

function envoyRoutesFor(vs: VirtualService, route: HTTPRoute, index: number, port: number, services: ServiceView[]): EnvoyRoute[] {
  const vsNs = vs.metadata.namespace ?? 'default';
  const matches = (route.match ?? [undefined]).filter((m) => m?.port === undefined || m.port === port);
  const base: Omit<EnvoyRoute, 'match'> = {
    metadata: { filter_metadata: { istio: { config: istioConfigPath('virtual-service', vsNs, vs.metadata.name) } } },
  };
  if (route.name) base.name = route.name;
  if (route.directResponse) {
    base.direct_response = { status: route.directResponse.status ?? 200, ...(route.directResponse.body?.string !== undefined ? { body: { inline_string: route.directResponse.body.string } } : {}) };
  } else if (route.redirect) {
    base.redirect = { ...(route.redirect.uri !== undefined ? { path_redirect: route.redirect.uri } : {}), ...(route.redirect.authority ? { host_redirect: route.redirect.authority } : {}), ...(route.redirect.redirectCode && route.redirect.redirectCode !== 301 ? { response_code: String(route.redirect.redirectCode) } : {}) };
  } else {
    const dests = (route.route ?? []).filter((d) => route.route?.length === 1 || (d.weight ?? 0) > 0);
    const clusters = dests.map((d) => ({ name: destCluster(d.destination?.host, d.destination?.subset, d.destination?.port?.number, vsNs, port, services), weight: route.route?.length === 1 ? (d.weight ?? 100) : (d.weight ?? 0) }));
    const t = route.timeout ? parseDuration(route.timeout) : undefined;
    const action: EnvoyRouteAction = clusters.length === 1 ? { cluster: (clusters[0] as { name: string }).name, timeout: protoDuration(t ?? 0) } : { weighted_clusters: { clusters }, timeout: protoDuration(t ?? 0) };
    const retry = envoyRetryPolicy(route);
    if (retry) action.retry_policy = retry;
    const mirror = route.mirror ?? route.mirrors?.[0]?.destination;
    if (mirror?.host) {
      const pct = route.mirror ? percentOf(route.mirrorPercentage, route.mirrorPercent) : percentOf(route.mirrors?.[0]?.percentage);
      action.request_mirror_policies = [{ cluster: destCluster(mirror.host, mirror.subset, mirror.port?.number, vsNs, port, services), runtime_fraction: { default_value: millionths(pct) } }];
    }
    if (route.rewrite?.uri !== undefined) action.prefix_rewrite = route.rewrite.uri;
    action.max_grpc_timeout = protoDuration(t ?? 0);
    base.route = action;
    base.decorator = { operation: `${fqdn(route.route?.[0]?.destination?.host ?? '', vsNs)}:${port}/*` };
  }
  const fault = faultConfig(route);
  if (fault) base.typed_per_filter_config = { 'envoy.filters.http.fault': fault };
  const set = { ...(route.headers?.request?.set ?? {}), ...(route.headers?.request?.add ?? {}) };
  if (Object.keys(set).length > 0) base.request_headers_to_add = Object.entries(set).map(([key, value]) => ({ header: { key, value }, append_action: route.headers?.request?.add?.[key] !== undefined ? 'APPEND_IF_EXISTS_OR_ADD' : 'OVERWRITE_IF_EXISTS_OR_ADD' }));
  if (route.headers?.request?.remove?.length) base.request_headers_to_remove = route.headers.request.remove;
  // Istio expands every match of an http route into its own Envoy route, in order.
  return matches.map((m) => ({ ...base, ...(base.name ? {} : { name: `${vs.metadata.name}.${index}` }), match: routeMatch(m) }));
}

function defaultRoute(host: string, port: number): EnvoyRoute {
  const retry = envoyRetryPolicy(undefined) as EnvoyRetryPolicy;
  return {
    name: 'default',
    match: { prefix: '/' },
    route: { cluster: outboundCluster(port, undefined, host), timeout: '0s', retry_policy: retry, max_grpc_timeout: '0s' },
    decorator: { operation: `${host}:${port}/*` },
  };
}

function virtualHost(name: string, domains: string[], vs: VirtualService | undefined, port: number, host: string, services: ServiceView[]): EnvoyVirtualHost {
  const routes = vs ? (vs.spec?.http ?? []).flatMap((r, i) => envoyRoutesFor(vs, r, i, port, services)) : [defaultRoute(host, port)];
  return { name, domains, routes, include_request_attempt_count: true };
}

/**
 * Route configurations as Istio pushes them to this proxy: for a sidecar one per HTTP service port (named after the
 * port, `9080`), a virtual host per service with the routes of the VirtualService that applies (or Istio's default
 * route), and the `allow_any` passthrough; for a gateway one per Gateway port (`http.8080`) with the bound
 * VirtualServices' hosts.
 */
export function buildRouteConfigs(view: ProxyView): EnvoyRouteConfiguration[] {
  const { table, services, binding } = view;
  if (binding !== 'mesh') return gatewayRouteConfigs(table, binding, view.gatewayPorts, services);
  const ports = [...new Set(services.flatMap((s) => s.ports.filter((p) => p.protocol === 'http').map((p) => p.port)))].sort((a, b) => a - b);
  return ports.map((port) => {
    const hosts = services.filter((s) => s.ports.some((p) => p.port === port && p.protocol === 'http'));
    const vhosts = hosts.map((s) => virtualHost(`${s.host}:${port}`, virtualHostDomains(s.host, port, view.node.namespace), findVirtualService(table, s.host, 'mesh')?.vs, port, s.host, services));
    vhosts.push({ name: 'allow_any', domains: ['*'], routes: [{ name: 'allow_any', match: { prefix: '/' }, route: { cluster: 'PassthroughCluster', timeout: '0s', max_grpc_timeout: '0s' } }], include_request_attempt_count: true });
    return { '@type': TYPE.routeConfiguration, name: String(port), virtual_hosts: vhosts, validate_clusters: false };
  });
}

function gatewayRouteConfigs(table: RoutingTable, binding: string, ports: number[], services: ServiceView[]): EnvoyRouteConfiguration[] {
  const bound = table.virtualServices.filter((c) => c.gateways.includes(binding));
  return ports.map((port) => {
    const vhosts = bound.flatMap((c) => (c.vs.spec?.hosts ?? []).map((h) => virtualHost(`${h}:${port}`, h === '*' ? ['*'] : [h, `${h}:*`], c.vs, port, h, services)));
    return { '@type': TYPE.routeConfiguration, name: `http.${port}`, virtual_hosts: vhosts, validate_clusters: false };
  });
}
