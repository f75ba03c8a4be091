import { z } from 'zod';
import { parseDuration, us, type Micros } from '../time/duration';
import { normalizeTraceId } from '../traces/ids';

/*
 * The trace query wire contract: Jaeger's query API (CONTRACT §3), so Grafana's Jaeger data source
 * works against Meshlens, plus the search parameters parsed into a typed query.
 */

export const jaegerTagSchema = z.object({
  key: z.string(),
  type: z.string().optional(),
  value: z.union([z.string(), z.number(), z.boolean()]).nullable().optional(),
});
export type JaegerTag = z.infer<typeof jaegerTagSchema>;

export const jaegerLogSchema = z.object({ timestamp: z.number(), fields: z.array(jaegerTagSchema).nullable().optional() });

export const jaegerReferenceSchema = z.object({
  refType: z.string(),
  traceID: z.string(),
  spanID: z.string(),
});

export const jaegerSpanSchema = z.object({
  traceID: z.string(),
  spanID: z.string(),
  flags: z.number().optional(),
  operationName: z.string(),
  references: z.array(jaegerReferenceSchema).nullable().optional(),
  startTime: z.number(),
  duration: z.number(),
  tags: z.array(jaegerTagSchema).nullable().optional(),
  logs: z.array(jaegerLogSchema).nullable().optional(),
  processID: z.string(),
  warnings: z.array(z.string()).nullable().optional(),
});
export type JaegerSpan = z.infer<typeof jaegerSpanSchema>;

export const jaegerProcessSchema = z.object({ serviceName: z.string(), tags: z.array(jaegerTagSchema).nullable().optional() });
export type JaegerProcess = z.infer<typeof jaegerProcessSchema>;

export const jaegerTraceSchema = z.object({
  traceID: z.string(),
  spans: z.array(jaegerSpanSchema),
  processes: z.record(z.string(), jaegerProcessSchema),
  warnings: z.array(z.string()).nullable().optional(),
});
export type JaegerTrace = z.infer<typeof jaegerTraceSchema>;

const jaegerError = z.object({ code: z.number().optional(), msg: z.string().optional(), traceID: z.string().optional() });

/** The envelope every Jaeger query response uses. */
export const jaegerEnvelope = <T extends z.ZodType>(data: T) =>
  z.object({
    data: data.nullable(),
    total: z.number().optional(),
    limit: z.number().optional(),
    offset: z.number().optional(),
    errors: z.array(jaegerError).nullable().optional(),
  });

export const tracesResponseSchema = jaegerEnvelope(z.array(jaegerTraceSchema));
export type TracesResponse = z.infer<typeof tracesResponseSchema>;
export const namesResponseSchema = jaegerEnvelope(z.array(z.string()));
export type NamesResponse = z.infer<typeof namesResponseSchema>;

/** One edge of Jaeger's service dependency graph: `parent` called `child` `callCount` times. */
export const dependencyLinkSchema = z.object({
  parent: z.string(),
  child: z.string(),
  callCount: z.number().int().nonnegative(),
});
export type DependencyLink = z.infer<typeof dependencyLinkSchema>;
export const dependenciesResponseSchema = jaegerEnvelope(z.array(dependencyLinkSchema));
export type DependenciesResponse = z.infer<typeof dependenciesResponseSchema>;

/** A trace search, in the units the stores use. */
export interface TraceQuery {
  service?: string;
  operation?: string;
  /** Exact-match tag filters (all must match on one span). */
  tags: Record<string, string>;
  startUs: Micros;
  endUs: Micros;
  minDurationUs?: Micros;
  maxDurationUs?: Micros;
  limit: number;
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 1500;
export const DEFAULT_LOOKBACK = '1h';

/** A query parameter problem, reported to the caller as 400. */
export class QueryError extends Error {}

function durationUs(text: string, name: string): Micros {
  const d = parseDuration(text);
  if (d === undefined || d < 0) throw new QueryError(`${name}: expected a duration such as 10ms or 1.5s (got ${JSON.stringify(text)})`);
  return us(Math.round(d * 1000));
}

function parseTags(params: URLSearchParams): Record<string, string> {
  const tags: Record<string, string> = {};
  const json = params.get('tags');
  if (json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw new QueryError('tags: expected a JSON object such as {"http.status_code":"500"}');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new QueryError('tags: expected a JSON object of key -> value');
    for (const [k, v] of Object.entries(parsed)) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new QueryError(`tags: value of ${JSON.stringify(k)} must be a string, number or boolean`);
      tags[k] = String(v);
    }
  }
  // Jaeger also takes repeated `tag=key:value`.
  for (const t of params.getAll('tag')) {
    const i = t.indexOf(':');
    if (i <= 0) throw new QueryError(`tag: expected key:value (got ${JSON.stringify(t)})`);
    tags[t.slice(0, i)] = t.slice(i + 1);
  }
  return tags;
}

function micros(text: string, name: string): Micros {
  if (!/^\d{1,17}$/.test(text)) throw new QueryError(`${name}: expected microseconds since the epoch (got ${JSON.stringify(text)})`);
  return us(Number(text));
}

/**
 * Parses Jaeger's `/api/traces` search parameters (service, operation, tags, start, end, lookback,
 * minDuration, maxDuration, limit) into a TraceQuery. `nowUs` anchors lookback when `end` is absent.
 * Throws QueryError with a message naming the bad parameter.
 */
export function parseTraceQuery(params: URLSearchParams, nowUs: Micros): TraceQuery {
  const endText = params.get('end');
  const endUs = endText ? micros(endText, 'end') : nowUs;
  const startText = params.get('start');
  let startUs: Micros;
  if (startText) startUs = micros(startText, 'start');
  else {
    const lookback = params.get('lookback');
    const lb = !lookback || lookback === 'custom' ? DEFAULT_LOOKBACK : lookback;
    startUs = us(endUs - durationUs(lb, 'lookback'));
  }
  if (startUs > endUs) throw new QueryError('start must not be after end');
  const limitText = params.get('limit');
  let limit = DEFAULT_LIMIT;
  if (limitText) {
    if (!/^\d+$/.test(limitText) || Number(limitText) < 1) throw new QueryError(`limit: expected a positive integer (got ${JSON.stringify(limitText)})`);
    limit = Math.min(Number(limitText), MAX_LIMIT);
  }
  const q: TraceQuery = { tags: parseTags(params), startUs, endUs, limit };
  const service = params.get('service');
  if (service) q.service = service;
  const operation = params.get('operation');
  if (operation) {
    if (!service) throw new QueryError('operation needs service');
    q.operation = operation;
  }
  const min = params.get('minDuration');
  if (min) q.minDurationUs = durationUs(min, 'minDuration');
  const max = params.get('maxDuration');
  if (max) q.maxDurationUs = durationUs(max, 'maxDuration');
  if (q.minDurationUs !== undefined && q.maxDurationUs !== undefined && q.minDurationUs > q.maxDurationUs) {
    throw new QueryError('minDuration must not exceed maxDuration');
  }
  return q;
}

export const DEFAULT_DEPENDENCY_LOOKBACK_MS = 86_400_000;
export const MAX_DEPENDENCY_LOOKBACK_MS = 30 * DEFAULT_DEPENDENCY_LOOKBACK_MS;
/** The largest endTs whose microseconds are still an exact number (year 2255). */
const MAX_END_TS_MS = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

/** The window of a dependencies request: spans starting in (endMs - lookbackMs, endMs]. */
export interface DependenciesQuery {
  endMs: number;
  lookbackMs: number;
}

function millis(params: URLSearchParams, name: string, fallback: number, what: string, max: number, maxText: string): number {
  const text = params.get(name);
  // As Jaeger does, an empty value means the default.
  if (text === null || text === '') return fallback;
  if (!/^\d{1,16}$/.test(text)) throw new QueryError(`${name}: expected ${what} as a non-negative integer (got ${JSON.stringify(text.slice(0, 64))})`);
  const n = Number(text);
  if (n > max) throw new QueryError(`${name}: at most ${maxText} (${max}), got ${text}`);
  return n;
}

/**
 * Parses Jaeger's `/api/dependencies` parameters: `endTs` (ms since the epoch, default `nowMs`) and `lookback`
 * (ms, default one day, at most 30 days). Throws QueryError naming the bad parameter.
 */
export function parseDependenciesQuery(params: URLSearchParams, nowMs: number): DependenciesQuery {
  return {
    endMs: millis(params, 'endTs', nowMs, 'milliseconds since the epoch', MAX_END_TS_MS, 'the year 2255'),
    lookbackMs: millis(params, 'lookback', DEFAULT_DEPENDENCY_LOOKBACK_MS, 'milliseconds', MAX_DEPENDENCY_LOOKBACK_MS, '30 days'),
  };
}

/** Checks a trace id from a path; throws QueryError when it is neither 16 nor 32 hex chars. */
export function parseTraceIdParam(text: string): string {
  const id = normalizeTraceId(text.trim());
  if (!id) throw new QueryError(`trace id ${JSON.stringify(text.slice(0, 64))} is not 16 or 32 hex characters`);
  return id;
}

/** Path builders for the UI's typed client. */
export const tracesApi = {
  services: () => '/api/services',
  operations: (service: string) => `/api/services/${encodeURIComponent(service)}/operations`,
  trace: (traceId: string) => `/api/traces/${encodeURIComponent(traceId)}`,
  search: (params: URLSearchParams) => `/api/traces?${params.toString()}`,
};
