import { us, type Micros } from '../time/duration';
import { bytesToHex, normalizeSpanId, normalizeTraceId, otlpJsonIdToHex } from './ids';
import { TagCollector, cleanName, clip, numberTag, outsideWindow } from './limits';
import { DEFAULT_SPAN_LIMITS, DEFAULT_TIME_WINDOW, type ConvertResult, type Rejection, type Span, type SpanKind, type SpanLimits, type SpanLink, type SpanLog, type TagValue, type TimeWindow } from './model';

/*
 * OTLP ExportTraceServiceRequest -> spans. The same walker reads the OTLP/JSON encoding (hex ids,
 * int64 as strings or numbers, enums as numbers or names) and protobufjs-decoded messages (ids as
 * bytes, fixed64 as Long-like {low, high}). Fields are tested as own properties because decoded
 * protobuf messages inherit defaults from their prototype.
 */

const KIND_BY_NUMBER: SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
// A Map, not an object: a kind named `constructor` or `__proto__` must not find Object.prototype's members.
const KIND_BY_NAME: ReadonlyMap<string, SpanKind> = new Map([
  ['SPAN_KIND_UNSPECIFIED', 'unspecified'],
  ['SPAN_KIND_INTERNAL', 'internal'],
  ['SPAN_KIND_SERVER', 'server'],
  ['SPAN_KIND_CLIENT', 'client'],
  ['SPAN_KIND_PRODUCER', 'producer'],
  ['SPAN_KIND_CONSUMER', 'consumer'],
]);
const STATUS_ERROR = 2;
const MAX_DEPTH = 8;

class Reject extends Error {
  constructor(
    readonly reason: Rejection['reason'],
    message: string,
  ) {
    super(message);
  }
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
const has = (o: Obj, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k) && o[k] !== undefined && o[k] !== null;

function list(o: Obj, k: string, what: string): unknown[] {
  if (!has(o, k)) return [];
  const v = o[k];
  if (!Array.isArray(v)) throw new Reject('wrong_type', `${what} must be an array`);
  return v;
}

/**
 * Converts an OTLP uint64 nanosecond timestamp (number, decimal string, or Long-like {low, high})
 * to whole microseconds, exactly: a double cannot hold epoch nanoseconds without losing precision.
 */
export function nanosToMicros(v: unknown): Micros | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? us(Math.floor(v / 1000)) : undefined;
  if (typeof v === 'string') {
    if (!/^\d{1,20}$/.test(v)) return undefined;
    // Split so each part stays exact as a double.
    const head = v.length > 3 ? Number(v.slice(0, -3)) : 0;
    return Number.isSafeInteger(head) ? us(head) : undefined;
  }
  if (isObject(v) && typeof v.low === 'number' && typeof v.high === 'number') {
    const high = v.high >>> 0;
    const low = v.low >>> 0;
    // ns = high * 2^32 + low; 2^32 = 4294967 * 1000 + 296.
    return us(high * 4294967 + Math.floor((high * 296 + low) / 1000));
  }
  return undefined;
}

function readId(v: unknown, bytes: 8 | 16): string | undefined {
  if (v instanceof Uint8Array) return v.length === 0 ? '' : v.length === bytes ? bytesToHex(v) : undefined;
  if (typeof v === 'string') return v === '' ? '' : otlpJsonIdToHex(v, bytes);
  return undefined;
}

/** Flattens an OTLP AnyValue into a tag value (arrays and maps become JSON text, as Jaeger shows them). */
function anyValue(v: unknown, depth = 0): TagValue | unknown[] | Obj {
  if (!isObject(v)) throw new Reject('wrong_type', 'attribute value must be an AnyValue object');
  if (depth > MAX_DEPTH) throw new Reject('wrong_type', 'attribute value nested too deeply');
  if (has(v, 'stringValue')) {
    if (typeof v.stringValue !== 'string') throw new Reject('wrong_type', 'stringValue must be a string');
    return v.stringValue;
  }
  if (has(v, 'boolValue')) {
    if (typeof v.boolValue !== 'boolean') throw new Reject('wrong_type', 'boolValue must be a boolean');
    return v.boolValue;
  }
  if (has(v, 'intValue')) return intValue(v.intValue);
  if (has(v, 'doubleValue')) {
    const d = v.doubleValue;
    if (typeof d === 'number') return numberTag(d);
    if (d === 'NaN' || d === 'Infinity' || d === '-Infinity') return d;
    throw new Reject('wrong_type', 'doubleValue must be a number');
  }
  if (has(v, 'arrayValue')) {
    const a = v.arrayValue;
    if (!isObject(a)) throw new Reject('wrong_type', 'arrayValue must be an object');
    return list(a, 'values', 'arrayValue.values').map((x) => anyValue(x, depth + 1));
  }
  if (has(v, 'kvlistValue')) {
    const kv = v.kvlistValue;
    if (!isObject(kv)) throw new Reject('wrong_type', 'kvlistValue must be an object');
    const out: Obj = {};
    for (const e of list(kv, 'values', 'kvlistValue.values')) {
      if (!isObject(e) || typeof e.key !== 'string') throw new Reject('wrong_type', 'kvlist entry needs a string key');
      out[e.key] = has(e, 'value') ? anyValue(e.value, depth + 1) : null;
    }
    return out;
  }
  if (has(v, 'bytesValue')) {
    const b = v.bytesValue;
    if (b instanceof Uint8Array) return bytesToHex(b);
    if (typeof b === 'string') return b;
    throw new Reject('wrong_type', 'bytesValue must be bytes');
  }
  return '';
}

function intValue(v: unknown): TagValue {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,20}$/.test(v)) {
    const n = Number(v);
    // Beyond 2^53 the number would lie; keep the digits.
    return Number.isSafeInteger(n) ? n : v;
  }
  if (isObject(v) && typeof v.low === 'number' && typeof v.high === 'number') {
    const n = v.high * 4294967296 + (v.low >>> 0);
    return Number.isSafeInteger(n) ? n : String(n);
  }
  throw new Reject('wrong_type', 'intValue must be an integer');
}

function addAttributes(attrs: unknown[], into: TagCollector, what: string): void {
  for (const kv of attrs) {
    if (!isObject(kv) || typeof kv.key !== 'string') throw new Reject('wrong_type', `${what} attribute needs a string key`);
    const av = kv.value as Obj | undefined;
    // Fast path for the common string attribute; everything else goes through anyValue's checks.
    if (av && typeof av.stringValue === 'string' && Object.prototype.hasOwnProperty.call(av, 'stringValue')) {
      into.add(kv.key, av.stringValue);
      continue;
    }
    const v = has(kv, 'value') ? anyValue(kv.value) : '';
    into.add(kv.key, typeof v === 'object' ? JSON.stringify(v) : v);
  }
}

function readKind(v: unknown): SpanKind {
  if (v === undefined || v === null) return 'unspecified';
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v < KIND_BY_NUMBER.length ? (KIND_BY_NUMBER[v] as SpanKind) : 'unspecified';
  if (typeof v === 'string') return KIND_BY_NAME.get(v) ?? 'unspecified';
  throw new Reject('wrong_type', 'kind must be a number or a SpanKind name');
}

function statusCode(v: unknown): number {
  if (!isObject(v) || !has(v, 'code')) return 0;
  const c = v.code;
  if (c === 'STATUS_CODE_ERROR') return STATUS_ERROR;
  return typeof c === 'number' ? c : 0;
}

interface Scope {
  service: string;
  processTags: Record<string, TagValue>;
  scopeName?: string;
  scopeVersion?: string;
}

function convertSpan(raw: unknown, scope: Scope, limits: SpanLimits, window: TimeWindow): Span {
  if (!isObject(raw)) throw new Reject('wrong_type', 'span must be an object');
  const traceHex = readId(raw.traceId, 16);
  const traceId = traceHex ? normalizeTraceId(traceHex) : undefined;
  if (!traceId) throw new Reject('invalid_id', 'traceId must be 16 bytes (32 hex chars), not all zero');
  const spanHex = readId(raw.spanId, 8);
  const spanId = spanHex ? normalizeSpanId(spanHex) : undefined;
  if (!spanId) throw new Reject('invalid_id', 'spanId must be 8 bytes (16 hex chars), not all zero');
  const parentHex = has(raw, 'parentSpanId') ? readId(raw.parentSpanId, 8) : '';
  if (parentHex === undefined) throw new Reject('invalid_id', 'parentSpanId must be 8 bytes (16 hex chars)');
  const start = nanosToMicros(raw.startTimeUnixNano);
  const end = nanosToMicros(raw.endTimeUnixNano);
  if (start === undefined || start === 0) throw new Reject('invalid_time', 'startTimeUnixNano must be a uint64 of nanoseconds');
  if (end === undefined) throw new Reject('invalid_time', 'endTimeUnixNano must be a uint64 of nanoseconds');
  const outside = outsideWindow(start, Math.max(0, end - start), window);
  if (outside) throw new Reject('invalid_time', outside);
  if (has(raw, 'name') && typeof raw.name !== 'string') throw new Reject('wrong_type', 'name must be a string');

  const warnings: string[] = [];
  const tags = new TagCollector(limits, warnings);
  addAttributes(list(raw, 'attributes', 'attributes'), tags, 'span');
  const kind = readKind(raw.kind);
  if (kind !== 'unspecified' && kind !== 'internal') tags.add('span.kind', kind);
  const code = statusCode(raw.status);
  if (code === STATUS_ERROR) {
    tags.add('error', true);
    tags.add('otel.status_code', 'ERROR');
    const msg = isObject(raw.status) && typeof raw.status.message === 'string' ? raw.status.message : '';
    if (msg) tags.add('otel.status_description', msg);
  } else if (code === 1) tags.add('otel.status_code', 'OK');
  if (scope.scopeName) tags.add('otel.scope.name', scope.scopeName);
  if (scope.scopeVersion) tags.add('otel.scope.version', scope.scopeVersion);

  const logs: SpanLog[] = [];
  const events = list(raw, 'events', 'events');
  for (const ev of events.slice(0, limits.maxLogsPerSpan)) {
    if (!isObject(ev)) throw new Reject('wrong_type', 'event must be an object');
    const t = nanosToMicros(ev.timeUnixNano);
    if (t === undefined) throw new Reject('invalid_time', 'event timeUnixNano must be a uint64 of nanoseconds');
    const fields = new TagCollector(limits, warnings);
    if (typeof ev.name === 'string' && ev.name !== '') fields.add('event', ev.name);
    addAttributes(list(ev, 'attributes', 'event attributes'), fields, 'event');
    logs.push({ timeUs: t, fields: fields.finish() });
  }
  if (events.length > limits.maxLogsPerSpan) warnings.push(`${events.length - limits.maxLogsPerSpan} events dropped`);

  if (typeof raw.traceState === 'string' && raw.traceState) tags.add('w3c.tracestate', raw.traceState);
  const links = readLinks(list(raw, 'links', 'links'), limits);
  const finished = tags.finish();
  const span: Span = {
    traceId,
    spanId,
    name: cleanName(clip(typeof raw.name === 'string' ? raw.name : '', limits.maxNameChars, warnings, 'name'), warnings, 'name'),
    kind,
    service: scope.service,
    startUs: start,
    durationUs: us(Math.max(0, end - start)),
    tags: finished,
    logs,
    processTags: scope.processTags,
    error: code === STATUS_ERROR || (finished.error !== undefined && finished.error !== false && finished.error !== 'false'),
  };
  if (parentHex) span.parentSpanId = parentHex;
  if (warnings.length) span.warnings = warnings;
  if (links.length) span.links = links;
  return span;
}

/** Links with usable ids (a link is context, so a bad one is skipped rather than failing the span). */
function readLinks(raw: unknown[], limits: SpanLimits): SpanLink[] {
  const out: SpanLink[] = [];
  for (const l of raw.slice(0, limits.maxLogsPerSpan)) {
    if (!isObject(l)) continue;
    const t = readId(l.traceId, 16);
    const s = readId(l.spanId, 8);
    const traceId = t ? normalizeTraceId(t) : undefined;
    const spanId = s ? normalizeSpanId(s) : undefined;
    if (traceId && spanId) out.push({ traceId, spanId });
  }
  return out;
}

/**
 * Converts an OTLP ExportTraceServiceRequest (parsed JSON or a protobufjs-decoded message) into spans.
 * Spans that cannot be stored (bad ids, times outside `window`...) are counted in `rejected` (OTLP partial
 * success); a body that is not
 * a request at all throws a TypeError.
 */
export function fromOtlp(body: unknown, limits: SpanLimits = DEFAULT_SPAN_LIMITS, window: TimeWindow = DEFAULT_TIME_WINDOW): ConvertResult {
  if (!isObject(body)) throw new TypeError('an OTLP body must be an ExportTraceServiceRequest object');
  const spans: Span[] = [];
  const rejected: Rejection[] = [];
  let index = 0;
  const resourceSpans = has(body, 'resourceSpans') ? body.resourceSpans : [];
  if (!Array.isArray(resourceSpans)) throw new TypeError('resourceSpans must be an array');
  for (const rs of resourceSpans) {
    if (!isObject(rs)) throw new TypeError('each resourceSpans entry must be an object');
    const warnings: string[] = [];
    const process = new TagCollector(limits, warnings);
    try {
      if (has(rs, 'resource')) {
        if (!isObject(rs.resource)) throw new Reject('wrong_type', 'resource must be an object');
        addAttributes(list(rs.resource, 'attributes', 'resource.attributes'), process, 'resource');
      }
    } catch (err) {
      if (err instanceof Reject) throw new TypeError(err.message);
      throw err;
    }
    const processTags = process.finish();
    const svc = processTags['service.name'];
    const service = typeof svc === 'string' && svc !== '' ? cleanName(clip(svc, limits.maxNameChars, warnings, 'service name'), warnings, 'service name') : 'unknown_service';
    // Older clients used instrumentationLibrarySpans; the shape is the same.
    const scopes = has(rs, 'scopeSpans') ? rs.scopeSpans : has(rs, 'instrumentationLibrarySpans') ? rs.instrumentationLibrarySpans : [];
    if (!Array.isArray(scopes)) throw new TypeError('scopeSpans must be an array');
    for (const ss of scopes) {
      if (!isObject(ss)) throw new TypeError('each scopeSpans entry must be an object');
      const sc = isObject(ss.scope) ? ss.scope : isObject(ss.instrumentationLibrary) ? ss.instrumentationLibrary : {};
      const scope: Scope = { service, processTags };
      if (typeof sc.name === 'string' && sc.name) scope.scopeName = sc.name;
      if (typeof sc.version === 'string' && sc.version) scope.scopeVersion = sc.version;
      const list = has(ss, 'spans') ? ss.spans : [];
      if (!Array.isArray(list)) throw new TypeError('spans must be an array');
      for (const raw of list) {
        try {
          const span = convertSpan(raw, scope, limits, window);
          if (warnings.length) span.warnings = [...warnings, ...(span.warnings ?? [])];
          spans.push(span);
        } catch (err) {
          if (!(err instanceof Reject)) throw err;
          rejected.push({ index, reason: err.reason, message: `span ${index}: ${err.message}` });
        }
        index++;
      }
    }
  }
  return { spans, rejected };
}
