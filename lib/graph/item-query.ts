/**
 * The per-node / per-edge metrics behind `GET /api/metrics/graph-item`: which series an id stands for
 * (label matchers and reporter), and how grouped per-step rates become the response's series. Shared by both
 * metrics sources so they answer alike.
 */
import type { GraphItemMetrics, Point } from '../api/metrics';
import { histogramQuantile, parseLe } from '../metrics/histogram';
import type { Labels } from '../metrics/labels';
import { parseEdgeId, parseNodeId, type ParsedNodeId } from './node-id';
import type { TelemetryRow } from './telemetry';

export interface ItemSelector {
  kind: 'node' | 'edge';
  direction: 'inbound' | 'outbound';
  reporter: 'source' | 'destination';
  /** Exact label matchers. */
  matchers: Record<string, string>;
}

function sourceMatchers(n: ParsedNodeId): Record<string, string> {
  switch (n.kind) {
    case 'unknown':
      return { source_workload: 'unknown', source_workload_namespace: 'unknown' };
    case 'workload':
      return { source_workload_namespace: n.namespace, source_workload: n.workload };
    case 'app':
      return { source_workload_namespace: n.namespace, source_canonical_service: n.app, ...(n.version ? { source_canonical_revision: n.version } : {}) };
    case 'service':
      // A service does not send; traffic "from" it is the traffic it routes to its workloads.
      return { destination_service_namespace: n.namespace, destination_service_name: n.service };
  }
}

function destMatchers(n: ParsedNodeId): Record<string, string> | undefined {
  switch (n.kind) {
    case 'unknown':
      return undefined;
    case 'workload':
      return { destination_workload_namespace: n.namespace, destination_workload: n.workload };
    case 'app':
      return { destination_workload_namespace: n.namespace, destination_canonical_service: n.app, ...(n.version ? { destination_canonical_revision: n.version } : {}) };
    case 'service':
      return { destination_service_namespace: n.namespace, destination_service_name: n.service };
  }
}

/**
 * What a node or edge id selects; a string explains why the id is unusable. Inbound traffic of a workload or
 * app is read from destination telemetry, of a service from source telemetry (it includes requests no workload
 * answered); outbound from source telemetry (destination telemetry for callers without a proxy).
 */
export function itemSelector(id: string, direction: 'inbound' | 'outbound'): ItemSelector | string {
  const node = parseNodeId(id);
  if (node) {
    if (direction === 'inbound') {
      const m = destMatchers(node);
      if (!m) return 'an unknown caller receives no traffic; ask for direction=outbound';
      return { kind: 'node', direction, reporter: node.kind === 'service' ? 'source' : 'destination', matchers: m };
    }
    const reporter = node.kind === 'unknown' || node.kind === 'service' ? 'destination' : 'source';
    return { kind: 'node', direction, reporter, matchers: sourceMatchers(node) };
  }
  const edge = parseEdgeId(id);
  if (!edge) return `not a graph node or edge id: ${JSON.stringify(id)}`;
  const s = parseNodeId(edge.source);
  const t = parseNodeId(edge.target);
  if (!s || !t) return `not a graph edge id: ${JSON.stringify(id)}`;
  const dm = destMatchers(t);
  if (!dm) return 'an edge cannot end at the unknown node';
  const matchers: Record<string, string> = { ...sourceMatchers(s), ...dm, request_protocol: edge.protocol };
  const reporter = s.kind === 'unknown' || s.kind === 'service' || t.kind !== 'service' ? 'destination' : 'source';
  return { kind: 'edge', direction: 'outbound', reporter, matchers };
}

/** Whether a series' labels satisfy a selector. */
export function matchesSelector(sel: ItemSelector, l: Labels): boolean {
  if (l.reporter !== sel.reporter) return false;
  for (const k in sel.matchers) if (l[k] !== sel.matchers[k]) return false;
  return true;
}

/** Group-by used for the request counter in item queries. */
export const ITEM_REQUEST_GROUP = ['response_code', 'grpc_response_status', 'request_protocol'] as const;

/** A request row counts as an error: no response, HTTP 4xx/5xx, or a non-OK gRPC status. */
export function isErrorRow(l: Labels): boolean {
  const code = l.response_code ?? '';
  if (code === '0' || code[0] === '4' || code[0] === '5') return true;
  const grpc = l.grpc_response_status ?? '';
  return l.request_protocol === 'grpc' && grpc !== '' && grpc !== '0';
}

export interface StepRows {
  /** Unix seconds. */
  t: number;
  rows: TelemetryRow[];
}

/** Turns per-step grouped rates into the response's series (absent when a series has no data at all). */
export function itemSeries(input: { requests: StepRows[]; buckets: StepRows[]; tcpSent: StepRows[]; tcpReceived: StepRows[] }): GraphItemMetrics['series'] {
  const series: GraphItemMetrics['series'] = {};
  const any = (steps: StepRows[]) => steps.some((s) => s.rows.length > 0);
  const total = (rows: TelemetryRow[], pred: (l: Labels) => boolean = () => true) => rows.reduce((a, r) => (pred(r.labels) && Number.isFinite(r.value) ? a + r.value : a), 0);
  if (any(input.requests)) {
    series.requestRate = input.requests.map((s): Point => [s.t, total(s.rows)]);
    series.errorRate = input.requests.map((s): Point => [s.t, total(s.rows, isErrorRow)]);
  }
  if (any(input.buckets)) {
    for (const [name, q] of [['p50', 0.5], ['p95', 0.95], ['p99', 0.99]] as const) {
      series[name] = input.buckets.map((s): Point => {
        const byLe = new Map<number, number>();
        for (const r of s.rows) {
          const le = parseLe(r.labels.le ?? '');
          if (!Number.isNaN(le)) byLe.set(le, (byLe.get(le) ?? 0) + r.value);
        }
        const v = histogramQuantile(q, [...byLe].map(([le, count]) => ({ le, count })));
        return [s.t, Number.isFinite(v) ? v : null];
      });
    }
  }
  if (any(input.tcpSent)) series.tcpSent = input.tcpSent.map((s): Point => [s.t, total(s.rows)]);
  if (any(input.tcpReceived)) series.tcpReceived = input.tcpReceived.map((s): Point => [s.t, total(s.rows)]);
  return series;
}
