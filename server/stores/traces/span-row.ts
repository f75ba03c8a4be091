import { us } from '../../../lib/time/duration';
import type { Span, SpanKind, SpanLink, SpanLog, TagValue } from '../../../lib/traces/model';

/** The columns of one stored span, in insert order. */
export type SpanRowValues = [string, number, string, string | null, number, number, string, number, number, number, string, string];

export interface SpanRow {
  trace_id: string;
  span_id: string;
  parent_id: string | null;
  service_id: number;
  op_id: number;
  kind: string;
  start_us: number;
  duration_us: number;
  error: number;
  tags: string;
  doc: string;
}

interface Doc {
  l?: SpanLog[];
  p: Record<string, TagValue>;
  w?: string[];
  k?: SpanLink[];
}

/** A span as the values of an INSERT, with its trace key and service/operation ids resolved. */
export function toRow(s: Span, traceKey: number, serviceId: number, opId: number): SpanRowValues {
  return [s.traceId, traceKey, s.spanId, s.parentSpanId ?? null, serviceId, opId, s.kind, s.startUs, s.durationUs, s.error ? 1 : 0, JSON.stringify(s.tags), docJson(s)];
}

// OTLP spans of one resource share one process tags object and arrive together: remembering the
// last one serialises it once per resource (a WeakMap would tax GC on per-span Zipkin objects).
let lastProcess: object | undefined;
let lastProcessJson = '';

/** The `doc` column: the JSON of a Doc, written by hand to reuse the shared process tags text. */
function docJson(s: Span): string {
  if (s.processTags !== lastProcess) {
    lastProcess = s.processTags;
    lastProcessJson = JSON.stringify(s.processTags);
  }
  let out = '{"p":' + lastProcessJson;
  if (s.logs.length) out += ',"l":' + JSON.stringify(s.logs);
  if (s.warnings?.length) out += ',"w":' + JSON.stringify(s.warnings);
  if (s.links?.length) out += ',"k":' + JSON.stringify(s.links);
  return out + '}';
}

/** A stored row back into a span; `service` and `operation` are the names behind the row's ids. */
export function fromRow(r: SpanRow, service: string, operation: string): Span {
  const doc = JSON.parse(r.doc) as Doc;
  const s: Span = {
    traceId: r.trace_id,
    spanId: r.span_id,
    name: operation,
    kind: r.kind as SpanKind,
    service,
    startUs: us(r.start_us),
    durationUs: us(r.duration_us),
    tags: JSON.parse(r.tags) as Record<string, TagValue>,
    logs: doc.l ?? [],
    processTags: doc.p,
    error: r.error === 1,
  };
  if (r.parent_id) s.parentSpanId = r.parent_id;
  if (doc.w) s.warnings = doc.w;
  if (doc.k) s.links = doc.k;
  return s;
}

/**
 * The substrings that prove a tag `key` has `value` in the canonical JSON of a span's tags:
 * the string form always, plus the number or boolean form when the text reads as one
 * (Zipkin sends `"http.status_code":"500"`, OTLP `"http.status_code":500`).
 */
export function tagNeedles(key: string, value: string): string[] {
  const k = JSON.stringify(key) + ':';
  const out = [k + JSON.stringify(value)];
  const bare = value === 'true' || value === 'false' || (value.trim() !== '' && Number.isFinite(Number(value)) && JSON.stringify(Number(value)) === value);
  // A bare number or boolean is followed by `,` or `}` — without that, 50 would match 503.
  if (bare) out.push(k + value + ',', k + value + '}');
  return out;
}
