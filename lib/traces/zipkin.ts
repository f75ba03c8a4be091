import { us, type Micros } from '../time/duration';
import { normalizeSpanId, normalizeTraceId } from './ids';
import { TagCollector, cleanName, clip, outsideWindow } from './limits';
import { DEFAULT_SPAN_LIMITS, DEFAULT_TIME_WINDOW, type ConvertResult, type Rejection, type Span, type SpanKind, type SpanLimits, type SpanLog, type TagValue, type TimeWindow } from './model';

// A Map, not an object: a kind named `constructor` or `__proto__` must not find Object.prototype's members.
const KINDS: ReadonlyMap<string, SpanKind> = new Map([
  ['CLIENT', 'client'],
  ['SERVER', 'server'],
  ['PRODUCER', 'producer'],
  ['CONSUMER', 'consumer'],
]);

class Reject extends Error {
  constructor(
    readonly reason: Rejection['reason'],
    message: string,
  ) {
    super(message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Zipkin writes µs as JSON numbers; some Envoy versions wrote them as strings, so both are read. */
function micros(v: unknown, field: string, required: boolean): Micros | undefined {
  if (v === undefined || v === null) {
    if (required) throw new Reject('missing_field', `${field} is required`);
    return undefined;
  }
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(Math.floor(n)) || n < 0) throw new Reject('invalid_time', `${field} must be a non-negative number of microseconds below 2^53`);
  return us(Math.floor(n));
}

/** Zipkin left-pads short hex ids (as its own server does) up to 16 or 32 chars. */
function padHex(id: string, width: 16 | 32): string {
  return id.length < width && /^[0-9a-fA-F]+$/.test(id) ? id.padStart(width, '0') : id;
}

function firstAnnotation(annotations: unknown): Micros | undefined {
  if (!Array.isArray(annotations)) return undefined;
  let min: number | undefined;
  for (const a of annotations) {
    const t = isObject(a) && typeof a.timestamp === 'number' && Number.isFinite(a.timestamp) && a.timestamp > 0 ? a.timestamp : undefined;
    if (t !== undefined && (min === undefined || t < min)) min = t;
  }
  return min === undefined ? undefined : us(Math.floor(min));
}

function str(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new Reject('wrong_type', `${field} must be a string`);
  return v;
}

function endpointTags(ep: unknown, prefix: string, add: (k: string, v: TagValue) => void): string | undefined {
  if (ep === undefined || ep === null) return undefined;
  if (!isObject(ep)) throw new Reject('wrong_type', `${prefix}Endpoint must be an object`);
  const service = str(ep.serviceName, `${prefix}Endpoint.serviceName`);
  const ipv4 = str(ep.ipv4, `${prefix}Endpoint.ipv4`);
  const ipv6 = str(ep.ipv6, `${prefix}Endpoint.ipv6`);
  if (ipv4) add(prefix === 'local' ? 'ip' : 'peer.ipv4', ipv4);
  if (ipv6) add(prefix === 'local' ? 'ipv6' : 'peer.ipv6', ipv6);
  if (typeof ep.port === 'number' && Number.isInteger(ep.port)) add(prefix === 'local' ? 'port' : 'peer.port', ep.port);
  return service;
}

function convertOne(raw: unknown, limits: SpanLimits, window: TimeWindow): Span {
  if (!isObject(raw)) throw new Reject('wrong_type', 'span must be an object');
  const traceText = str(raw.traceId, 'traceId');
  const idText = str(raw.id, 'id');
  if (traceText === undefined) throw new Reject('missing_field', 'traceId is required');
  if (idText === undefined) throw new Reject('missing_field', 'id is required');
  const traceId = normalizeTraceId(padHex(traceText, traceText.length <= 16 ? 16 : 32));
  if (!traceId) throw new Reject('invalid_id', `traceId ${JSON.stringify(traceText.slice(0, 40))} is not 1-32 hex chars (and not all zero)`);
  const spanId = normalizeSpanId(padHex(idText, 16));
  if (!spanId) throw new Reject('invalid_id', `id ${JSON.stringify(idText.slice(0, 40))} is not 1-16 hex chars (and not all zero)`);
  const parentText = str(raw.parentId, 'parentId');
  let parentSpanId: string | undefined;
  if (parentText !== undefined && parentText !== '') {
    parentSpanId = normalizeSpanId(padHex(parentText, 16));
    if (!parentSpanId) throw new Reject('invalid_id', `parentId ${JSON.stringify(parentText.slice(0, 40))} is not 1-16 hex chars`);
  }
  const kindText = str(raw.kind, 'kind');
  const kind: SpanKind = kindText === undefined ? 'internal' : (KINDS.get(kindText) ?? 'unspecified');
  // Zipkin allows a span without timestamp (its annotations still date it); with neither it cannot be placed.
  const startUs = micros(raw.timestamp, 'timestamp', false) ?? firstAnnotation(raw.annotations) ?? micros(undefined, 'timestamp', true) as Micros;
  const durationUs = micros(raw.duration, 'duration', false) ?? us(0);
  const outside = outsideWindow(startUs, durationUs, window);
  if (outside) throw new Reject('invalid_time', outside);

  const warnings: string[] = [];
  const process = new TagCollector(limits, warnings);
  let tags: TagCollector | FastTags;
  if (raw.tags !== undefined && raw.tags !== null) {
    if (!isObject(raw.tags)) throw new Reject('wrong_type', 'tags must be an object of strings');
    tags = fastTags(raw.tags, limits) ?? slowTags(raw.tags, limits, warnings);
  } else tags = new FastTags({});
  const service = endpointTags(raw.localEndpoint, 'local', (k, v) => process.add(k, v)) ?? 'unknown';
  const peer = endpointTags(raw.remoteEndpoint, 'remote', (k, v) => tags.add(k, v));
  if (peer) tags.add('peer.service', peer);
  if (kind !== 'internal' && kind !== 'unspecified') tags.add('span.kind', kind);

  const logs: SpanLog[] = [];
  if (raw.annotations !== undefined && raw.annotations !== null) {
    if (!Array.isArray(raw.annotations)) throw new Reject('wrong_type', 'annotations must be an array');
    for (const a of raw.annotations) {
      if (!isObject(a)) throw new Reject('wrong_type', 'annotation must be an object');
      const t = micros(a.timestamp, 'annotation.timestamp', true) as Micros;
      const value = str(a.value, 'annotation.value') ?? '';
      if (logs.length < limits.maxLogsPerSpan) logs.push({ timeUs: t, fields: { event: clip(value, limits.maxTagValueChars, warnings, 'annotation') } });
    }
    if (raw.annotations.length > limits.maxLogsPerSpan) warnings.push(`${raw.annotations.length - limits.maxLogsPerSpan} annotations dropped`);
  }
  const finished = tags.finish();
  const errorTag = finished.error;
  const span: Span = {
    traceId,
    spanId,
    name: cleanName(clip(str(raw.name, 'name') ?? '', limits.maxNameChars, warnings, 'name'), warnings, 'name'),
    kind,
    service: cleanName(clip(service, limits.maxNameChars, warnings, 'service name'), warnings, 'service name'),
    startUs,
    durationUs,
    tags: finished,
    logs,
    processTags: process.finish(),
    error: errorTag !== undefined && errorTag !== 'false',
  };
  if (parentSpanId) span.parentSpanId = parentSpanId;
  if (warnings.length) span.warnings = warnings;
  return span;
}

/**
 * The common case: every tag is a string within the caps, so the parsed object is used as it is
 * (this path is most of ingest's cost). Returns undefined when anything needs fixing.
 */
function fastTags(raw: Record<string, unknown>, limits: SpanLimits): FastTags | undefined {
  let n = 0;
  for (const k in raw) {
    const v = raw[k];
    if (typeof v !== 'string' || v.length > limits.maxTagValueChars || k.length > limits.maxTagKeyChars || ++n > limits.maxTagsPerSpan - 4) return undefined;
  }
  return new FastTags(raw as Record<string, TagValue>);
}

function slowTags(raw: Record<string, unknown>, limits: SpanLimits, warnings: string[]): TagCollector {
  const tags = new TagCollector(limits, warnings);
  for (const [k, v] of Object.entries(raw)) {
    // Zipkin tags are strings; a number or bool from a lax client is kept as its text.
    if (typeof v === 'string') tags.add(k, v);
    else if (typeof v === 'number' || typeof v === 'boolean') tags.add(k, String(v));
    else throw new Reject('wrong_type', `tag ${JSON.stringify(k.slice(0, 40))} must be a string`);
  }
  return tags;
}

/** Tags already within the caps (the fast path leaves room for the few derived tags added after). */
class FastTags {
  constructor(readonly tags: Record<string, TagValue>) {}
  add(key: string, value: TagValue): boolean {
    this.tags[key] = value;
    return true;
  }
  finish(): Record<string, TagValue> {
    return this.tags;
  }
}

/**
 * Converts a parsed Zipkin v2 JSON body (an array of spans, as Envoy's Zipkin tracer posts it)
 * into spans. Spans that cannot be stored (bad ids, times outside `window`...) are listed in `rejected` with a
 * reason; the rest are kept.
 * Throws a TypeError when the body is not an array at all.
 */
export function fromZipkin(body: unknown, limits: SpanLimits = DEFAULT_SPAN_LIMITS, window: TimeWindow = DEFAULT_TIME_WINDOW): ConvertResult {
  if (!Array.isArray(body)) throw new TypeError('a Zipkin v2 body must be a JSON array of spans');
  const spans: Span[] = [];
  const rejected: Rejection[] = [];
  for (let i = 0; i < body.length; i++) {
    try {
      spans.push(convertOne(body[i], limits, window));
    } catch (err) {
      if (!(err instanceof Reject)) throw err;
      rejected.push({ index: i, reason: err.reason, message: `span ${i}: ${err.message}` });
    }
  }
  return { spans, rejected };
}
