/**
 * Tables from an Envoy `/config_dump`, as `istioctl proxy-config routes|clusters|listeners|endpoints` prints them.
 * Input is untrusted JSON (a real Envoy's, through the API server); every list is read up to `maxRows` items.
 */

export interface RouteRow {
  /** Route configuration name (`9080`, `http.8080`, `inbound|9080||`). */
  routeConfig: string;
  virtualHost: string;
  domains: string[];
  name: string;
  /** `prefix /`, `path /login`, `regex ^/a.*` plus header matches. */
  match: string;
  /** Where it goes: clusters with weights (one at 100 for a plain route), or a direct answer. */
  clusters: { name: string; weight: number }[];
  action: 'route' | 'redirect' | 'direct_response' | 'none';
  timeout?: string;
  retries?: { attempts: number; retryOn: string; perTryTimeout?: string };
  fault?: { abortStatus?: number; abortPercent?: number; delay?: string; delayPercent?: number };
  mirror?: { cluster: string; percent: number };
  /** `namespace/name` of the VirtualService behind it (Istio's route metadata). */
  virtualService?: string;
}

export interface ClusterRow {
  name: string;
  /** SERVICE FQDN, PORT, SUBSET, DIRECTION from Istio's cluster name. */
  service: string;
  port?: number;
  subset: string;
  direction: 'outbound' | 'inbound' | '-';
  type: string;
  destinationRule?: string;
  connectTimeout?: string;
  lbPolicy?: string;
  outlierDetection: boolean;
  mtls: boolean;
}

export interface ListenerRow {
  name: string;
  address: string;
  port?: number;
  direction: string;
  /** HTTP (rds route name) or TCP (cluster) per filter chain. */
  chains: { match: string; destination: string }[];
}

export interface EndpointRow {
  cluster: string;
  address: string;
  health: string;
  workload?: string;
}

const obj = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const arr = (v: unknown, max: number): unknown[] => (Array.isArray(v) ? v.slice(0, max) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
const path = (v: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((o, k) => obj(o)?.[k], v);

/** The config section of a given admin type (`...ClustersConfigDump`), if the dump holds one. */
export function dumpSection(dump: unknown, typeSuffix: string): Record<string, unknown> | undefined {
  for (const c of arr(path(dump, 'configs'), 32)) {
    const o = obj(c);
    if (o && str(o['@type'])?.endsWith(typeSuffix)) return o;
  }
  return undefined;
}

const percent = (p: unknown): number | undefined => {
  const n = num(path(p, 'numerator'));
  if (n === undefined) return undefined;
  const d = str(path(p, 'denominator')) ?? 'HUNDRED';
  return d === 'MILLION' ? n / 10_000 : d === 'TEN_THOUSAND' ? n / 100 : n;
};

function matchText(m: unknown): string {
  const parts: string[] = [];
  const prefix = str(path(m, 'prefix'));
  const exact = str(path(m, 'path'));
  const regex = str(path(m, 'safe_regex', 'regex'));
  if (exact !== undefined) parts.push(`path ${exact}`);
  else if (regex !== undefined) parts.push(`regex ${regex}`);
  else parts.push(`prefix ${prefix ?? '/'}`);
  for (const h of arr(path(m, 'headers'), 16)) {
    const name = str(path(h, 'name')) ?? '?';
    const sm = obj(path(h, 'string_match')) ?? {};
    const [k, v] = Object.entries(sm)[0] ?? ['present', ''];
    const value = typeof v === 'string' ? v : str(path(v, 'regex')) ?? '';
    parts.push(`${path(h, 'invert_match') === true ? '!' : ''}${name} ${k}${value ? ` ${value}` : ''}`);
  }
  return parts.join(', ');
}

/** `/apis/networking.istio.io/v1/namespaces/ns/virtual-service/name` → `ns/name`. */
function istioRef(p: unknown): string | undefined {
  const m = /\/namespaces\/([^/]+)\/[a-z-]+\/([^/]+)$/.exec(str(p) ?? '');
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** Route rows in config order. */
export function routeRows(dump: unknown, maxRows: number): RouteRow[] {
  const rows: RouteRow[] = [];
  for (const rc of arr(dumpSection(dump, 'RoutesConfigDump')?.dynamic_route_configs, maxRows)) {
    const cfg = path(rc, 'route_config');
    const routeConfig = str(path(cfg, 'name')) ?? '';
    for (const vh of arr(path(cfg, 'virtual_hosts'), maxRows)) {
      const domains = arr(path(vh, 'domains'), 64).map(str).filter((d): d is string => d !== undefined);
      for (const r of arr(path(vh, 'routes'), maxRows)) {
        if (rows.length >= maxRows) return rows;
        const action = path(r, 'route');
        const weighted = arr(path(action, 'weighted_clusters', 'clusters'), 64);
        const single = str(path(action, 'cluster'));
        const row: RouteRow = {
          routeConfig,
          virtualHost: str(path(vh, 'name')) ?? '',
          domains,
          name: str(path(r, 'name')) ?? '',
          match: matchText(path(r, 'match')),
          clusters: single ? [{ name: single, weight: 100 }] : weighted.map((c) => ({ name: str(path(c, 'name')) ?? '', weight: num(path(c, 'weight')) ?? 0 })),
          action: action ? 'route' : path(r, 'redirect') ? 'redirect' : path(r, 'direct_response') ? 'direct_response' : 'none',
        };
        const timeout = str(path(action, 'timeout'));
        if (timeout) row.timeout = timeout;
        const rp = path(action, 'retry_policy');
        if (rp) row.retries = { attempts: num(path(rp, 'num_retries')) ?? 1, retryOn: str(path(rp, 'retry_on')) ?? '', ...(str(path(rp, 'per_try_timeout')) ? { perTryTimeout: str(path(rp, 'per_try_timeout')) as string } : {}) };
        const f = path(r, 'typed_per_filter_config', 'envoy.filters.http.fault');
        if (f) {
          const fault: NonNullable<RouteRow['fault']> = {};
          const status = num(path(f, 'abort', 'http_status'));
          if (status !== undefined) {
            fault.abortStatus = status;
            fault.abortPercent = percent(path(f, 'abort', 'percentage')) ?? 100;
          }
          const delay = str(path(f, 'delay', 'fixed_delay'));
          if (delay) {
            fault.delay = delay;
            fault.delayPercent = percent(path(f, 'delay', 'percentage')) ?? 100;
          }
          row.fault = fault;
        }
        const mp = arr(path(action, 'request_mirror_policies'), 1)[0];
        if (mp) row.mirror = { cluster: str(path(mp, 'cluster')) ?? '', percent: percent(path(mp, 'runtime_fraction', 'default_value')) ?? 100 };
        const vs = istioRef(path(r, 'metadata', 'filter_metadata', 'istio', 'config'));
        if (vs) row.virtualService = vs;
        rows.push(row);
      }
    }
  }
  return rows;
}

/** Cluster rows (static and dynamic), split from Istio's `direction|port|subset|host` names. */
export function clusterRows(dump: unknown, maxRows: number): ClusterRow[] {
  const section = dumpSection(dump, 'ClustersConfigDump');
  const all = [...arr(section?.static_clusters, maxRows), ...arr(section?.dynamic_active_clusters, maxRows)].slice(0, maxRows);
  return all.map((entry) => {
    const c = path(entry, 'cluster');
    const name = str(path(c, 'name')) ?? '';
    const parts = name.split('|');
    const istio = parts.length === 4 && (parts[0] === 'outbound' || parts[0] === 'inbound');
    const row: ClusterRow = {
      name,
      service: istio ? (parts[3] as string) : name,
      subset: istio ? (parts[2] as string) : '',
      direction: istio ? (parts[0] as 'outbound' | 'inbound') : '-',
      type: str(path(c, 'type')) ?? (path(c, 'cluster_type') ? 'CUSTOM' : 'EDS'),
      outlierDetection: path(c, 'outlier_detection') !== undefined,
      mtls: arr(path(c, 'transport_socket_matches'), 8).some((m) => str(path(m, 'transport_socket', 'name'))?.endsWith('tls')) || str(path(c, 'transport_socket', 'name'))?.endsWith('tls') === true,
    };
    const port = istio ? num(parts[1]) : undefined;
    if (port !== undefined) row.port = port;
    const dr = istioRef(path(c, 'metadata', 'filter_metadata', 'istio', 'config'));
    if (dr) row.destinationRule = dr;
    const ct = str(path(c, 'connect_timeout'));
    if (ct) row.connectTimeout = ct;
    const lb = str(path(c, 'lb_policy'));
    if (lb) row.lbPolicy = lb;
    return row;
  });
}

/** Listener rows with what each filter chain hands traffic to. */
export function listenerRows(dump: unknown, maxRows: number): ListenerRow[] {
  const section = dumpSection(dump, 'ListenersConfigDump');
  return [...arr(section?.static_listeners, maxRows), ...arr(section?.dynamic_listeners, maxRows)].slice(0, maxRows).map((entry) => {
    const l = path(entry, 'active_state', 'listener') ?? path(entry, 'listener');
    const sa = path(l, 'address', 'socket_address');
    const chains = arr(path(l, 'filter_chains'), 64).map((fc) => {
      const m = obj(path(fc, 'filter_chain_match')) ?? {};
      const filters = arr(path(fc, 'filters'), 16);
      const hcm = filters.find((f) => str(path(f, 'name'))?.endsWith('http_connection_manager'));
      const tcp = filters.find((f) => str(path(f, 'name'))?.endsWith('tcp_proxy'));
      const destination = hcm ? `Route: ${str(path(hcm, 'typed_config', 'rds', 'route_config_name')) ?? 'inline'}` : tcp ? `Cluster: ${str(path(tcp, 'typed_config', 'cluster')) ?? '?'}` : '-';
      const match = Object.entries(m).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join(' ') || 'ALL';
      return { match, destination };
    });
    const row: ListenerRow = { name: str(path(entry, 'name')) ?? str(path(l, 'name')) ?? '', address: str(path(sa, 'address')) ?? '', direction: str(path(l, 'traffic_direction')) ?? '-', chains };
    const port = num(path(sa, 'port_value'));
    if (port !== undefined) row.port = port;
    return row;
  });
}

/** Endpoint rows per cluster (from `?include_eds`). */
export function endpointRows(dump: unknown, maxRows: number): EndpointRow[] {
  const rows: EndpointRow[] = [];
  for (const e of arr(dumpSection(dump, 'EndpointsConfigDump')?.dynamic_endpoint_configs, maxRows)) {
    const cfg = path(e, 'endpoint_config');
    const cluster = str(path(cfg, 'cluster_name')) ?? '';
    for (const loc of arr(path(cfg, 'endpoints'), 64)) {
      for (const lb of arr(path(loc, 'lb_endpoints'), maxRows)) {
        if (rows.length >= maxRows) return rows;
        const sa = path(lb, 'endpoint', 'address', 'socket_address');
        const row: EndpointRow = { cluster, address: `${str(path(sa, 'address')) ?? '?'}:${num(path(sa, 'port_value')) ?? '?'}`, health: str(path(lb, 'health_status')) ?? 'UNKNOWN' };
        const w = str(path(lb, 'metadata', 'filter_metadata', 'istio', 'workload'));
        if (w) row.workload = w.split(';')[0] as string;
        rows.push(row);
      }
    }
  }
  return rows;
}

/** The xDS version the proxy accepted (the clusters section's version_info), if it says. */
export function dumpVersion(dump: unknown): string | undefined {
  return str(dumpSection(dump, 'ClustersConfigDump')?.version_info);
}
