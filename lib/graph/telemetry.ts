/**
 * What the graph builder needs from a metrics source, independent of where it comes from (the embedded store
 * or a Prometheus): aggregated rates over the window, one row per label group. Both sources select the same
 * series (see {@link isSelected}) and group by the same labels, so the builder sees the same rows.
 */
import { BucketSum, parseLe } from '../metrics/histogram';
import type { Labels } from '../metrics/labels';
import { withoutLabel } from '../metrics/labels';

/** Labels identifying the two ends of a request (Kiali's group-by, plus principals for the mTLS badge). */
export const PEER_GROUP_LABELS = [
  'reporter',
  'source_cluster',
  'source_workload_namespace',
  'source_workload',
  'source_canonical_service',
  'source_canonical_revision',
  'destination_cluster',
  'destination_service_namespace',
  'destination_service',
  'destination_service_name',
  'destination_workload_namespace',
  'destination_workload',
  'destination_canonical_service',
  'destination_canonical_revision',
  'request_protocol',
  // Fallbacks for telemetry without canonical labels (same cardinality as the canonical ones).
  'source_app',
  'source_version',
  'destination_app',
  'destination_version',
] as const;

/** Group-by for `istio_requests_total`. */
export const REQUEST_GROUP_LABELS = [
  ...PEER_GROUP_LABELS,
  'response_code',
  'grpc_response_status',
  'response_flags',
  'connection_security_policy',
  'source_principal',
  'destination_principal',
] as const;

/** Group-by for the TCP byte counters. */
export const TCP_GROUP_LABELS = [...PEER_GROUP_LABELS, 'response_flags', 'connection_security_policy', 'source_principal', 'destination_principal'] as const;

/** Group-by for the duration histogram buckets. */
export const BUCKET_GROUP_LABELS = [...PEER_GROUP_LABELS, 'le'] as const;

export interface TelemetryRow {
  labels: Labels;
  /** Per-second rate over the window. */
  value: number;
}

/** One histogram's bucket rates (`le` → rate), for one group of PEER_GROUP_LABELS. */
export interface HistogramRow {
  labels: Labels;
  /** Bucket bounds, ascending (+Inf last), and the rate of each bucket. */
  les: readonly number[];
  rates: ArrayLike<number>;
}

/** Groups `le`-labelled bucket rows into histograms (rows with an unparseable `le` are dropped). */
export function groupBucketRows(rows: readonly TelemetryRow[]): HistogramRow[] {
  const groups = new Map<string, { labels: Labels; sum: BucketSum }>();
  for (const r of rows) {
    const le = parseLe(r.labels.le ?? '');
    if (Number.isNaN(le) || !Number.isFinite(r.value)) continue;
    const labels = withoutLabel(r.labels, 'le');
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
    let g = groups.get(key);
    if (!g) {
      g = { labels, sum: new BucketSum() };
      groups.set(key, g);
    }
    g.sum.add([le], [r.value]);
  }
  return [...groups.values()].map((g) => ({ labels: g.labels, les: g.sum.les, rates: g.sum.rates }));
}

/** Everything one graph request reads, each a list of grouped rates over the window. */
export interface GraphTelemetry {
  /** rate(istio_requests_total) by REQUEST_GROUP_LABELS. */
  requests: TelemetryRow[];
  /** rate(istio_tcp_sent_bytes_total) by TCP_GROUP_LABELS. */
  tcp: TelemetryRow[];
  /** rate(istio_request_duration_milliseconds_bucket) by BUCKET_GROUP_LABELS, grouped into histograms. */
  durationBuckets: HistogramRow[];
  /** rate(istio_request_duration_milliseconds_sum) by PEER_GROUP_LABELS (for responseTime=avg). */
  durationSum: TelemetryRow[];
  /** rate(istio_response_bytes_sum) (or request bytes) by PEER_GROUP_LABELS. */
  throughput: TelemetryRow[];
}

export const emptyTelemetry = (): GraphTelemetry => ({ requests: [], tcp: [], durationBuckets: [], durationSum: [], throughput: [] });

/** What a source is asked: the namespaces and the window. */
export interface TelemetryQuery {
  namespaces: readonly string[];
  /** Window length in seconds. */
  durationSec: number;
  /** End of the window, unix seconds. */
  queryTimeSec: number;
  /** Keep groups whose rate is zero (idle edges). */
  includeIdle: boolean;
  /** `request` reads istio_request_bytes, `response` istio_response_bytes. */
  throughputType: 'request' | 'response';
  /** Whether durationSum is needed (responseTime=avg). */
  needDurationSum: boolean;
}

/**
 * The series a graph over `namespaces` reads (Kiali's three query shapes, as one predicate):
 * destination telemetry for traffic into the namespaces, source telemetry for traffic out of them, and source
 * telemetry for requests into a namespace service that no workload served.
 */
export function isSelected(l: Labels, namespaces: ReadonlySet<string>): boolean {
  const reporter = l.reporter;
  if (reporter === 'destination') return namespaces.has(l.destination_workload_namespace ?? '');
  if (reporter !== 'source') return false;
  if (namespaces.has(l.source_workload_namespace ?? '')) return true;
  if (l.destination_workload !== 'unknown' || l.destination_workload_namespace !== 'unknown') return false;
  return namespaces.has(serviceHostNamespace(l.destination_service ?? ''));
}

/** The namespace part of `name.namespace.svc...` (what `^.+\.ns\..+$` matches), or ''. */
export function serviceHostNamespace(host: string): string {
  const a = host.indexOf('.');
  if (a <= 0) return '';
  const b = host.indexOf('.', a + 1);
  if (b === -1 || b === host.length - 1) return '';
  return host.slice(a + 1, b);
}
