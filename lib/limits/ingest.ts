/** Span ingest (Zipkin v2 and OTLP/HTTP receivers, the trace store). Every count is checked before per-element work. */
export interface IngestLimits {
  /** Bytes on the wire per request (compressed). */
  maxWireBytes: number;
  /** Bytes per request after decompression. */
  maxBodyBytes: number;
  /** Spans per request. */
  maxSpansPerRequest: number;
  /** Span requests in flight across all clients. */
  maxConcurrentRequests: number;
}

export const INGEST_LIMITS: IngestLimits = {
  maxWireBytes: 8 * 1024 * 1024,
  maxBodyBytes: 32 * 1024 * 1024,
  maxSpansPerRequest: 20_000,
  maxConcurrentRequests: 64,
};
