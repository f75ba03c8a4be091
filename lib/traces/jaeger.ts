import type { JaegerTag, JaegerTrace } from '../api/traces';
import { us } from '../time/duration';
import { normalizeSpanId, normalizeTraceId } from './ids';
import type { Span, SpanKind, SpanLink, TagValue } from './model';

/** Jaeger's tag typing of a value. */
function toTag(key: string, value: TagValue): JaegerTag {
  if (typeof value === 'boolean') return { key, type: 'bool', value };
  if (typeof value === 'number') return { key, type: Number.isInteger(value) ? 'int64' : 'float64', value };
  return { key, type: 'string', value };
}

const tagList = (tags: Record<string, TagValue>): JaegerTag[] => Object.entries(tags).map(([k, v]) => toTag(k, v));

function processKey(s: Span): string {
  return s.service + '\u0000' + JSON.stringify(s.processTags);
}

/**
 * Renders one trace's spans in the Jaeger query API shape: processes deduplicated as p1, p2...,
 * parents as CHILD_OF references, times in µs.
 */
export function toJaegerTrace(traceId: string, spans: readonly Span[]): JaegerTrace {
  const processes: JaegerTrace['processes'] = {};
  const ids = new Map<string, string>();
  const out: JaegerTrace['spans'] = [];
  const sorted = [...spans].sort((a, b) => a.startUs - b.startUs);
  for (const s of sorted) {
    const key = processKey(s);
    let pid = ids.get(key);
    if (!pid) {
      pid = `p${ids.size + 1}`;
      ids.set(key, pid);
      processes[pid] = { serviceName: s.service, tags: tagList(s.processTags) };
    }
    out.push({
      traceID: s.traceId,
      spanID: s.spanId,
      flags: 1,
      operationName: s.name,
      references: [
        ...(s.parentSpanId ? [{ refType: 'CHILD_OF', traceID: s.traceId, spanID: s.parentSpanId }] : []),
        ...(s.links ?? []).map((l) => ({ refType: 'FOLLOWS_FROM', traceID: l.traceId, spanID: l.spanId })),
      ],
      startTime: s.startUs,
      duration: s.durationUs,
      tags: tagList(s.tags),
      logs: s.logs.map((l) => ({ timestamp: l.timeUs, fields: tagList(l.fields) })),
      processID: pid,
      warnings: s.warnings && s.warnings.length ? s.warnings : null,
    });
  }
  return { traceID: traceId, spans: out, processes, warnings: null };
}

function fromTags(tags: readonly JaegerTag[] | null | undefined): Record<string, TagValue> {
  const out: Record<string, TagValue> = {};
  for (const t of tags ?? []) if (t.value !== null && t.value !== undefined) out[t.key] = t.value;
  return out;
}

const KINDS = new Set<SpanKind>(['client', 'server', 'producer', 'consumer', 'internal']);

/**
 * Reads a Jaeger-shaped trace (from a remote Jaeger or Tempo, or our own API in the browser) back
 * into spans. Spans with unusable ids are skipped; 64-bit trace ids are padded like ingested ones.
 */
export function fromJaegerTrace(trace: JaegerTrace): Span[] {
  const spans: Span[] = [];
  for (const js of trace.spans) {
    const traceId = normalizeTraceId(js.traceID);
    const spanId = normalizeSpanId(js.spanID.padStart(16, '0'));
    if (!traceId || !spanId) continue;
    const proc = trace.processes[js.processID];
    const tags = fromTags(js.tags);
    const kindTag = tags['span.kind'];
    // Jaeger leaves span.kind off local (internal) spans.
    const kind: SpanKind = typeof kindTag === 'string' && KINDS.has(kindTag as SpanKind) ? (kindTag as SpanKind) : 'internal';
    const errTag = tags.error;
    const span: Span = {
      traceId,
      spanId,
      name: js.operationName,
      kind,
      service: proc?.serviceName ?? 'unknown',
      startUs: us(js.startTime),
      durationUs: us(js.duration),
      tags,
      logs: (js.logs ?? []).map((l) => ({ timeUs: us(l.timestamp), fields: fromTags(l.fields) })),
      processTags: fromTags(proc?.tags),
      error: errTag !== undefined && errTag !== false && errTag !== 'false',
    };
    const refs = js.references ?? [];
    const parent = refs.find((r) => r.refType === 'CHILD_OF') ?? refs[0];
    if (parent) {
      const pid = normalizeSpanId(parent.spanID.padStart(16, '0'));
      if (pid) span.parentSpanId = pid;
    }
    const links: SpanLink[] = [];
    for (const r of refs) {
      if (r === parent) continue;
      const lt = normalizeTraceId(r.traceID);
      const ls = normalizeSpanId(r.spanID.padStart(16, '0'));
      if (lt && ls) links.push({ traceId: lt, spanId: ls });
    }
    if (links.length) span.links = links;
    if (js.warnings && js.warnings.length) span.warnings = js.warnings;
    spans.push(span);
  }
  return spans;
}
