/**
 * Istio's standard metrics: names, label keys (in the order Istio's stats plugin writes them) and default
 * buckets, plus a renderer of Envoy-format exposition text from a traffic description (fixtures, benches, fakes).
 */
import { escapeLabelValue } from './labels';

export const ISTIO_REQUESTS = 'istio_requests_total';
export const ISTIO_DURATION = 'istio_request_duration_milliseconds';
export const ISTIO_REQUEST_BYTES = 'istio_request_bytes';
export const ISTIO_RESPONSE_BYTES = 'istio_response_bytes';
export const ISTIO_TCP_SENT = 'istio_tcp_sent_bytes_total';
export const ISTIO_TCP_RECEIVED = 'istio_tcp_received_bytes_total';
export const ISTIO_TCP_OPENED = 'istio_tcp_connections_opened_total';
export const ISTIO_TCP_CLOSED = 'istio_tcp_connections_closed_total';

/** Istio's default buckets for the request duration histogram (ms). */
export const ISTIO_DURATION_BUCKETS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];
/** Istio's default buckets for request/response size histograms (bytes). */
export const ISTIO_BYTES_BUCKETS = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000];

const NOT_STORED = new Set([
  `${ISTIO_REQUEST_BYTES}_bucket`,
  `${ISTIO_RESPONSE_BYTES}_bucket`,
  `${ISTIO_REQUEST_BYTES}_count`,
  `${ISTIO_RESPONSE_BYTES}_count`,
  `${ISTIO_DURATION}_count`,
]);

/**
 * Whether the embedded store keeps a metric: Istio's standard metrics the graph reads. Envoy's own stats and
 * the size histograms' buckets (only their sums are read) would multiply memory for nothing.
 */
export function isGraphMetric(name: string): boolean {
  return name.startsWith('istio_') && !NOT_STORED.has(name);
}

export const ISTIO_PEER_LABELS = [
  'reporter',
  'source_workload',
  'source_canonical_service',
  'source_canonical_revision',
  'source_workload_namespace',
  'source_principal',
  'source_app',
  'source_version',
  'source_cluster',
  'destination_workload',
  'destination_workload_namespace',
  'destination_principal',
  'destination_app',
  'destination_version',
  'destination_service',
  'destination_canonical_service',
  'destination_canonical_revision',
  'destination_service_name',
  'destination_service_namespace',
  'destination_cluster',
  'request_protocol',
] as const;

export const ISTIO_HTTP_LABELS = [...ISTIO_PEER_LABELS, 'response_code', 'grpc_response_status', 'response_flags', 'connection_security_policy'] as const;
export const ISTIO_TCP_LABELS = [...ISTIO_PEER_LABELS, 'response_flags', 'connection_security_policy'] as const;

export interface IstioWorkload {
  name: string;
  namespace: string;
  app: string;
  version: string;
  cluster?: string;
}

export interface IstioServiceRef {
  name: string;
  namespace: string;
  /** FQDN; defaults to `<name>.<namespace>.svc.cluster.local`. */
  host?: string;
}

/** One stream of traffic as one reporter counted it (cumulative counter values, as a scrape would show). */
export interface IstioTraffic {
  reporter: 'source' | 'destination';
  /** Undefined for a caller without a sidecar (all `unknown`). */
  source?: IstioWorkload;
  /** Undefined when no workload answered (e.g. an external host). */
  destination?: IstioWorkload;
  service?: IstioServiceRef;
  protocol: 'http' | 'grpc' | 'tcp';
  code?: string;
  grpcStatus?: string;
  flags?: string;
  mtls?: boolean;
  /** Requests (HTTP/gRPC) or connections opened (TCP). */
  count: number;
  /** Cumulative counts per ISTIO_DURATION_BUCKETS bound (same length); the +Inf bucket is `count`. */
  durationBuckets?: number[];
  durationSumMs?: number;
  responseBytes?: number;
  requestBytes?: number;
  tcpSent?: number;
  tcpReceived?: number;
}

const U = 'unknown';

/** Istio's label values for one traffic stream. */
export function istioLabels(t: IstioTraffic): Record<string, string> {
  const s = t.source;
  const d = t.destination;
  const svc = t.service;
  const cluster = (w?: IstioWorkload) => (w ? (w.cluster ?? 'Kubernetes') : U);
  const principal = (w?: IstioWorkload) => (w && t.mtls ? `spiffe://cluster.local/ns/${w.namespace}/sa/${w.app}` : U);
  const l: Record<string, string> = {
    reporter: t.reporter,
    source_workload: s?.name ?? U,
    source_canonical_service: s?.app ?? U,
    source_canonical_revision: s?.version ?? 'latest',
    source_workload_namespace: s?.namespace ?? U,
    source_principal: principal(s),
    source_app: s?.app ?? U,
    source_version: s?.version ?? U,
    source_cluster: cluster(s),
    destination_workload: d?.name ?? U,
    destination_workload_namespace: d?.namespace ?? U,
    destination_principal: principal(d),
    destination_app: d?.app ?? U,
    destination_version: d?.version ?? U,
    destination_service: svc ? (svc.host ?? `${svc.name}.${svc.namespace}.svc.cluster.local`) : U,
    destination_canonical_service: d?.app ?? U,
    destination_canonical_revision: d?.version ?? 'latest',
    destination_service_name: svc?.name ?? U,
    destination_service_namespace: svc?.namespace ?? U,
    destination_cluster: d ? cluster(d) : cluster(s),
    request_protocol: t.protocol,
  };
  l.response_flags = t.flags ?? '-';
  l.connection_security_policy = t.reporter === 'source' ? U : t.mtls ? 'mutual_tls' : 'none';
  if (t.protocol !== 'tcp') {
    l.response_code = t.code ?? '200';
    l.grpc_response_status = t.grpcStatus ?? '';
  }
  return l;
}

function labelText(keys: readonly string[], labels: Record<string, string>): string {
  let s = '';
  for (const k of keys) s += `${s ? ',' : ''}${k}="${escapeLabelValue(labels[k] ?? '')}"`;
  return s;
}

function fmt(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return String(n);
}

/**
 * Renders traffic as Envoy's `/stats/prometheus` does: `# TYPE` lines, counters, then histograms with
 * cumulative `_bucket` lines (`le` last), `_sum` and `_count`.
 */
export function renderIstioExposition(traffic: readonly IstioTraffic[]): string {
  const out: string[] = [];
  const http = traffic.filter((t) => t.protocol !== 'tcp');
  const tcp = traffic.filter((t) => t.protocol === 'tcp');
  const family = (name: string, type: string, items: readonly IstioTraffic[], keys: readonly string[], value: (t: IstioTraffic) => number | undefined) => {
    const lines: string[] = [];
    for (const t of items) {
      const v = value(t);
      if (v !== undefined) lines.push(`${name}{${labelText(keys, istioLabels(t))}} ${fmt(v)}`);
    }
    if (lines.length > 0) out.push(`# TYPE ${name} ${type}`, ...lines);
  };
  family(ISTIO_REQUESTS, 'counter', http, ISTIO_HTTP_LABELS, (t) => t.count);
  family(ISTIO_TCP_OPENED, 'counter', tcp, ISTIO_TCP_LABELS, (t) => t.count);
  family(ISTIO_TCP_CLOSED, 'counter', tcp, ISTIO_TCP_LABELS, (t) => t.count);
  family(ISTIO_TCP_SENT, 'counter', tcp, ISTIO_TCP_LABELS, (t) => t.tcpSent);
  family(ISTIO_TCP_RECEIVED, 'counter', tcp, ISTIO_TCP_LABELS, (t) => t.tcpReceived);
  const histo = (name: string, bounds: readonly number[], buckets: (t: IstioTraffic) => number[] | undefined, sum: (t: IstioTraffic) => number) => {
    const withData = http.filter((t) => buckets(t) !== undefined);
    if (withData.length === 0) return;
    out.push(`# TYPE ${name} histogram`);
    for (const t of withData) {
      const l = labelText(ISTIO_HTTP_LABELS, istioLabels(t));
      const b = buckets(t) as number[];
      for (let i = 0; i < bounds.length; i++) out.push(`${name}_bucket{${l},le="${fmt(bounds[i] as number)}"} ${fmt(b[i] ?? t.count)}`);
      out.push(`${name}_bucket{${l},le="+Inf"} ${fmt(t.count)}`);
      out.push(`${name}_sum{${l}} ${fmt(sum(t))}`);
      out.push(`${name}_count{${l}} ${fmt(t.count)}`);
    }
  };
  histo(ISTIO_DURATION, ISTIO_DURATION_BUCKETS, (t) => t.durationBuckets, (t) => t.durationSumMs ?? 0);
  histo(ISTIO_RESPONSE_BYTES, ISTIO_BYTES_BUCKETS, (t) => (t.responseBytes === undefined ? undefined : cumulativeAt(ISTIO_BYTES_BUCKETS, t.count, t.responseBytes / Math.max(t.count, 1))), (t) => t.responseBytes ?? 0);
  histo(ISTIO_REQUEST_BYTES, ISTIO_BYTES_BUCKETS, (t) => (t.requestBytes === undefined ? undefined : cumulativeAt(ISTIO_BYTES_BUCKETS, t.count, t.requestBytes / Math.max(t.count, 1))), (t) => t.requestBytes ?? 0);
  return out.join('\n') + '\n';
}

/** Cumulative bucket counts for `count` observations all equal to `value`. */
export function cumulativeAt(bounds: readonly number[], count: number, value: number): number[] {
  return bounds.map((b) => (value <= b ? count : 0));
}
