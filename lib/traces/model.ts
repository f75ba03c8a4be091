import type { Micros } from '../time/duration';

/** A tag value as Jaeger types it: string, bool, int64 or float64. */
export type TagValue = string | number | boolean;

export type SpanKind = 'client' | 'server' | 'producer' | 'consumer' | 'internal' | 'unspecified';

/** One timestamped event on a span (Zipkin annotation, OTLP event, Jaeger log). */
export interface SpanLog {
  timeUs: Micros;
  fields: Record<string, TagValue>;
}

/**
 * The span as Meshlens stores and serves it, whatever format it arrived in.
 * Ids are lower-case hex: traceId always 32 chars (64-bit B3 ids left-padded), spanId 16 chars.
 */
export interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: SpanKind;
  /** The reporting service (Istio: `<canonical-service>.<namespace>`). */
  service: string;
  startUs: Micros;
  durationUs: Micros;
  tags: Record<string, TagValue>;
  logs: SpanLog[];
  /** Process (resource / local endpoint) tags, e.g. `ip`, `hostname`, `telemetry.sdk.name`. */
  processTags: Record<string, TagValue>;
  /** True when the span reports an error (OTLP status ERROR, `error` tag, HTTP 5xx). */
  error: boolean;
  /** Problems found while ingesting (truncated attributes...), shown to the user. */
  warnings?: string[];
  /** Causal links to spans other than the parent (OTLP links; Jaeger FOLLOWS_FROM references). */
  links?: SpanLink[];
}

export interface SpanLink {
  traceId: string;
  spanId: string;
}

/** Why a span in a batch was refused; counted per reason in metrics. */
export type RejectReason = 'invalid_id' | 'missing_field' | 'wrong_type' | 'invalid_time' | 'trace_full';

export interface Rejection {
  index: number;
  reason: RejectReason;
  message: string;
}

/** The outcome of converting one request body into spans. */
export interface ConvertResult {
  spans: Span[];
  rejected: Rejection[];
}

/** Size caps applied to each span while converting (huge attributes are truncated, not stored whole). */
export interface SpanLimits {
  maxTagValueChars: number;
  maxTagKeyChars: number;
  maxTagsPerSpan: number;
  maxLogsPerSpan: number;
  maxNameChars: number;
}

export const DEFAULT_SPAN_LIMITS: SpanLimits = {
  maxTagValueChars: 4096,
  maxTagKeyChars: 256,
  maxTagsPerSpan: 128,
  maxLogsPerSpan: 128,
  maxNameChars: 1024,
};

/**
 * When a span may start and end, in µs since the epoch: outside it the span is refused (a span dated 2100 would
 * otherwise outlive every current span under retention). The receivers pass one built from the server clock.
 */
export interface TimeWindow {
  minUs: number;
  maxUs: number;
}

/**
 * What a converter checks when no window is given: only that times are exact whole µs counts. The receivers always
 * pass one from the server clock and `lib/limits/ingest` (from 2000-01-01 to an hour ahead).
 */
export const DEFAULT_TIME_WINDOW: TimeWindow = { minUs: 0, maxUs: Number.MAX_SAFE_INTEGER };
