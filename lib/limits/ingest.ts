/**
 * Span ingest (Zipkin v2 and OTLP/HTTP receivers, the trace store). Every count is checked before per-element work:
 * the body is pre-scanned (JSON tokens or protobuf wire fields) and refused before anything is materialised.
 */
export interface IngestLimits {
  /** Bytes on the wire per request (compressed). */
  maxWireBytes: number;
  /** Bytes per request after decompression. */
  maxBodyBytes: number;
  /** Spans per request (counted in the body before any span is decoded; more answers 413). */
  maxSpansPerRequest: number;
  /**
   * Values in one body before it is parsed: JSON values (objects, arrays, strings, numbers, literals) or protobuf
   * sub-messages. Bounds what `JSON.parse` / protobufjs would allocate (10M `{}` fit in 29 KB of gzip); more is 413.
   */
  maxValuesPerRequest: number;
  /** Nesting depth of a JSON body or of protobuf sub-messages; deeper is 400. */
  maxDepth: number;
  /** Span requests in flight across all clients; more answer 429 + Retry-After. */
  maxConcurrentRequests: number;
  /**
   * Span requests in flight from one client address: a slow or abusive client loses its own slots, not everyone's.
   * Above an OpenTelemetry Collector's default 10 export consumers, so one collector is not refused.
   */
  maxConcurrentPerClient: number;
  /** Milliseconds a client may go without sending a byte of its body; then 400 and the connection is closed. */
  bodyIdleTimeoutMs: number;
  /** Milliseconds a client has to send its whole body, however steadily it trickles. */
  bodyTimeoutMs: number;
  /** Spans stored per trace; further spans of a full trace are refused (OTLP partial success, Zipkin 400). */
  maxSpansPerTrace: number;
  /** A span may start or end at most this many ms after the server's clock; later ones are refused per span. */
  maxFutureSkewMs: number;
  /** Spans starting before this instant (ms since the epoch; default 2000-01-01) are refused per span. */
  minSpanTimeMs: number;
}

export const INGEST_LIMITS: IngestLimits = {
  maxWireBytes: 8 * 1024 * 1024,
  maxBodyBytes: 32 * 1024 * 1024,
  maxSpansPerRequest: 20_000,
  maxValuesPerRequest: 2_000_000,
  maxDepth: 64,
  maxConcurrentRequests: 64,
  maxConcurrentPerClient: 16,
  bodyIdleTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
  maxSpansPerTrace: 10_000,
  maxFutureSkewMs: 3_600_000,
  minSpanTimeMs: 946_684_800_000,
};
