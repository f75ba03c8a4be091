import { Counter, Gauge, type Registry } from 'prom-client';
import type { RejectReason } from '../../../lib/traces/model';

export type IngestProtocol = 'zipkin' | 'zipkin_proto' | 'otlp_json' | 'otlp_proto';
/** Why a whole request, or a span inside one, was refused. Low cardinality by design. */
export type RequestRefusal = 'malformed' | 'too_large' | 'unsupported' | 'overloaded' | 'store_error' | 'timeout';

export interface IngestMetrics {
  received(protocol: IngestProtocol, spans: number): void;
  rejected(protocol: IngestProtocol, reason: RejectReason | RequestRefusal, spans: number): void;
  refusedRequest(protocol: IngestProtocol, reason: RequestRefusal): void;
}

/** Registers the receiver metrics on the server's registry. */
export function registerIngestMetrics(registry: Registry, pending: () => number, storeBytes: () => number): IngestMetrics {
  const received = new Counter({
    name: 'meshlens_traces_spans_received_total',
    help: 'Spans accepted and committed to the trace store, by wire protocol.',
    labelNames: ['protocol'] as const,
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'meshlens_traces_spans_rejected_total',
    help: 'Spans refused by the receivers, by wire protocol and reason.',
    labelNames: ['protocol', 'reason'] as const,
    registers: [registry],
  });
  const refused = new Counter({
    name: 'meshlens_traces_requests_refused_total',
    help: 'Ingest requests refused as a whole, by wire protocol and reason.',
    labelNames: ['protocol', 'reason'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'meshlens_traces_pending_spans',
    help: 'Spans received but not yet committed.',
    registers: [registry],
    collect() {
      this.set(pending());
    },
  });
  new Gauge({
    name: 'meshlens_traces_store_bytes',
    help: 'Bytes used by live pages of the embedded trace store.',
    registers: [registry],
    collect() {
      this.set(storeBytes());
    },
  });
  return {
    received: (protocol, n) => received.inc({ protocol }, n),
    rejected: (protocol, reason, n) => rejected.inc({ protocol, reason }, n),
    refusedRequest: (protocol, reason) => refused.inc({ protocol, reason }),
  };
}
