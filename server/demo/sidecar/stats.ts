/**
 * The Istio standard metrics one sidecar records, rendered exactly as Envoy's `/stats/prometheus` does:
 * `# TYPE` lines (Envoy writes no HELP), counters and gauges first, then histograms with cumulative `_bucket`
 * lines (`le` last), `_sum` and `_count`. Label keys and order follow Istio's stats plugin.
 */

import { ISTIO_BYTES_BUCKETS, ISTIO_DURATION_BUCKETS, ISTIO_HTTP_LABELS, ISTIO_PEER_LABELS, ISTIO_TCP_LABELS } from '../../../lib/metrics/istio';

/** Istio's default buckets and label keys (shared with the metrics library, which reads what this writes). */
export const DURATION_BUCKETS_MS = ISTIO_DURATION_BUCKETS;
export const BYTES_BUCKETS = ISTIO_BYTES_BUCKETS;
export const PEER_LABELS = ISTIO_PEER_LABELS;
export const HTTP_LABELS = ISTIO_HTTP_LABELS;
export const TCP_LABELS = ISTIO_TCP_LABELS;

export type PeerLabels = Record<(typeof PEER_LABELS)[number], string>;
export type HttpLabels = Record<(typeof HTTP_LABELS)[number], string>;
export type TcpLabels = Record<(typeof TCP_LABELS)[number], string>;

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelText(keys: readonly string[], labels: Record<string, string>): string {
  let s = '';
  for (const k of keys) s += `${s ? ',' : ''}${k}="${escapeLabel(labels[k] ?? '')}"`;
  return s;
}

function formatValue(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}

class CounterFamily {
  private readonly series = new Map<string, number>();
  constructor(readonly name: string) {}
  add(labels: string, by: number): void {
    this.series.set(labels, (this.series.get(labels) ?? 0) + by);
  }
  render(out: string[]): void {
    if (this.series.size === 0) return;
    out.push(`# TYPE ${this.name} counter`);
    for (const [l, v] of this.series) out.push(`${this.name}{${l}} ${formatValue(v)}`);
  }
}

class HistogramFamily {
  private readonly series = new Map<string, Histogram>();
  constructor(readonly name: string, readonly buckets: readonly number[]) {}
  observe(labels: string, value: number): void {
    let h = this.series.get(labels);
    if (!h) {
      h = { counts: new Array<number>(this.buckets.length).fill(0), sum: 0, count: 0 };
      this.series.set(labels, h);
    }
    const i = this.buckets.findIndex((b) => value <= b);
    if (i !== -1) h.counts[i] = (h.counts[i] as number) + 1; // above the last bucket counts only in +Inf
    h.sum += value;
    h.count++;
  }
  render(out: string[]): void {
    if (this.series.size === 0) return;
    out.push(`# TYPE ${this.name} histogram`);
    for (const [l, h] of this.series) {
      let cum = 0;
      for (let i = 0; i < this.buckets.length; i++) {
        cum += h.counts[i] as number;
        out.push(`${this.name}_bucket{${l},le="${formatValue(this.buckets[i] as number)}"} ${cum}`);
      }
      out.push(`${this.name}_bucket{${l},le="+Inf"} ${h.count}`);
      out.push(`${this.name}_sum{${l}} ${formatValue(h.sum)}`);
      out.push(`${this.name}_count{${l}} ${h.count}`);
    }
  }
}

/** One request as a reporter saw it. */
export interface HttpObservation {
  labels: HttpLabels;
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
}

/** The stats one proxy keeps and serves. */
export class IstioStats {
  private readonly requests = new CounterFamily('istio_requests_total');
  private readonly duration = new HistogramFamily('istio_request_duration_milliseconds', DURATION_BUCKETS_MS);
  private readonly requestBytes = new HistogramFamily('istio_request_bytes', BYTES_BUCKETS);
  private readonly responseBytes = new HistogramFamily('istio_response_bytes', BYTES_BUCKETS);
  private readonly tcpSent = new CounterFamily('istio_tcp_sent_bytes_total');
  private readonly tcpReceived = new CounterFamily('istio_tcp_received_bytes_total');
  private readonly tcpOpened = new CounterFamily('istio_tcp_connections_opened_total');
  private readonly tcpClosed = new CounterFamily('istio_tcp_connections_closed_total');
  private readonly startedAt: number;

  constructor(private readonly proxyVersion = '1.27.0', now = Date.now()) {
    this.startedAt = now;
  }

  recordHttp(o: HttpObservation): void {
    const l = labelText(HTTP_LABELS, o.labels);
    this.requests.add(l, 1);
    this.duration.observe(l, o.durationMs);
    this.requestBytes.observe(l, o.requestBytes);
    this.responseBytes.observe(l, o.responseBytes);
  }

  tcpOpen(labels: TcpLabels): void {
    this.tcpOpened.add(labelText(TCP_LABELS, labels), 1);
  }

  tcpBytes(labels: TcpLabels, sent: number, received: number): void {
    const l = labelText(TCP_LABELS, labels);
    if (sent > 0) this.tcpSent.add(l, sent);
    if (received > 0) this.tcpReceived.add(l, received);
  }

  tcpClose(labels: TcpLabels): void {
    this.tcpClosed.add(labelText(TCP_LABELS, labels), 1);
  }

  /** The exposition, as Envoy serves it at /stats/prometheus. */
  render(now = Date.now()): string {
    const out: string[] = [];
    this.requests.render(out);
    this.tcpOpened.render(out);
    this.tcpClosed.render(out);
    this.tcpReceived.render(out);
    this.tcpSent.render(out);
    out.push('# TYPE istio_build gauge', `istio_build{component="proxy",tag="${this.proxyVersion}"} 1`);
    out.push('# TYPE envoy_server_uptime gauge', `envoy_server_uptime{} ${Math.floor((now - this.startedAt) / 1000)}`);
    this.duration.render(out);
    this.requestBytes.render(out);
    this.responseBytes.render(out);
    return out.join('\n') + '\n';
  }
}
