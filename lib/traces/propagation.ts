import { normalizeSpanId, normalizeTraceId } from './ids';

/*
 * B3 (multi and single header) and W3C trace-context headers. Both carry the same trace as one
 * 128-bit id: a 64-bit B3 trace id is left-padded, so a trace crossing B3 and W3C workloads joins.
 */

export interface TraceContext {
  traceId: string;
  spanId: string;
  sampled: boolean;
}

/** What a request carried: a context to continue, an explicit "do not sample", or nothing. */
export type Extracted = { context: TraceContext } | { sampledOut: true } | undefined;

type Headers = Record<string, string | undefined>;

function sampledFlag(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === '1' || v === 'd' || v.toLowerCase() === 'true') return true;
  if (v === '0' || v.toLowerCase() === 'false') return false;
  return undefined;
}

/** Reads B3 context: the single `b3` header first, then `x-b3-*`. */
export function extractB3(h: Headers): Extracted {
  const single = h.b3;
  if (single !== undefined) {
    if (single === '0') return { sampledOut: true };
    const [t, s, flag] = single.split('-');
    const traceId = t ? normalizeTraceId(t) : undefined;
    const spanId = s ? normalizeSpanId(s) : undefined;
    if (traceId && spanId) {
      const sampled = sampledFlag(flag) ?? true;
      return sampled ? { context: { traceId, spanId, sampled } } : { sampledOut: true };
    }
  }
  const traceId = h['x-b3-traceid'] ? normalizeTraceId(h['x-b3-traceid']) : undefined;
  const spanId = h['x-b3-spanid'] ? normalizeSpanId(h['x-b3-spanid']) : undefined;
  const sampled = h['x-b3-flags'] === '1' ? true : sampledFlag(h['x-b3-sampled']);
  if (sampled === false) return { sampledOut: true };
  if (traceId && spanId) return { context: { traceId, spanId, sampled: true } };
  return undefined;
}

/** Reads a W3C `traceparent` (version 00 layout; later versions are read by their first four fields). */
export function extractW3C(h: Headers): Extracted {
  const tp = h.traceparent?.trim().toLowerCase();
  if (!tp) return undefined;
  const m = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/.exec(tp);
  if (!m || m[1] === 'ff' || (m[1] === '00' && m[5] !== undefined)) return undefined;
  const traceId = normalizeTraceId(m[2] as string);
  const spanId = normalizeSpanId(m[3] as string);
  if (!traceId || !spanId) return undefined;
  const sampled = (parseInt(m[4] as string, 16) & 1) === 1;
  return sampled ? { context: { traceId, spanId, sampled } } : { sampledOut: true };
}

/** B3 multi-headers for a context; `parentSpanId` is the span the new one descends from. */
export function injectB3(ctx: TraceContext, parentSpanId?: string): Record<string, string> {
  const out: Record<string, string> = {
    'x-b3-traceid': ctx.traceId,
    'x-b3-spanid': ctx.spanId,
    'x-b3-sampled': ctx.sampled ? '1' : '0',
  };
  if (parentSpanId) out['x-b3-parentspanid'] = parentSpanId;
  return out;
}

/** A version-00 `traceparent`. */
export function injectW3C(ctx: TraceContext): Record<string, string> {
  return { traceparent: `00-${ctx.traceId}-${ctx.spanId}-${ctx.sampled ? '01' : '00'}` };
}

/** Headers that carry trace context (removed before new ones are written, so stale ids never leak). */
export const CONTEXT_HEADERS = ['b3', 'x-b3-traceid', 'x-b3-spanid', 'x-b3-parentspanid', 'x-b3-sampled', 'x-b3-flags', 'traceparent'] as const;
