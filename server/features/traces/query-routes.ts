import { parseDependenciesQuery, parseTraceIdParam, parseTraceQuery, QueryError } from '../../../lib/api/traces';
import { toJaegerTrace } from '../../../lib/traces/jaeger';
import { splitSharedSpanIds } from '../../../lib/traces/shared-spans';
import { us } from '../../../lib/time/duration';
import { HttpError } from '../../http/errors';
import type { ApiResponse, Route } from '../../http/router';
import { SourceUnavailableError, type SourceTrace, type TraceSource } from '../../sources/traces/source';

const MAX_TRACE_IDS = 100;

/** Jaeger's envelope around query results. */
function envelope(data: unknown[], total = data.length): ApiResponse {
  return { status: 200, body: { data, total, limit: 0, offset: 0, errors: null } };
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof QueryError) throw new HttpError('bad_request', err.message);
    if (err instanceof SourceUnavailableError) throw new HttpError('bad_gateway', err.message);
    throw err;
  }
}

// Shared client/server span ids (Envoy's Zipkin default) are split so every client sees a proper tree.
const render = (traces: SourceTrace[]) => traces.map((t) => toJaegerTrace(t.traceId, splitSharedSpanIds(t.spans)));

/**
 * The Jaeger query API (CONTRACT §3) over a TraceSource: services, operations, search, one
 * trace by id (64-bit or 128-bit) and the service dependencies.
 */
export function queryRoutes(source: TraceSource, nowMs: () => number): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/services',
      handler: () => guard(async () => envelope(await source.services())),
    },
    {
      method: 'GET',
      path: '/api/services/:service/operations',
      handler: (req) => guard(async () => envelope(await source.operations(req.params.service ?? ''))),
    },
    {
      method: 'GET',
      path: '/api/traces',
      handler: (req) =>
        guard(async () => {
          const ids = req.url.searchParams.getAll('traceID');
          if (ids.length) {
            // Jaeger's multi-get form: ?traceID=a&traceID=b
            if (ids.length > MAX_TRACE_IDS) throw new QueryError(`at most ${MAX_TRACE_IDS} traceID parameters`);
            const found = await Promise.all(ids.map((id) => source.getTrace(parseTraceIdParam(id))));
            return envelope(render(found.filter((t): t is SourceTrace => t !== undefined)));
          }
          const q = parseTraceQuery(req.url.searchParams, us(nowMs() * 1000));
          return envelope(render(await source.search(q)));
        }),
    },
    {
      method: 'GET',
      path: '/api/traces/:traceID',
      handler: (req) =>
        guard(async () => {
          const id = parseTraceIdParam(req.params.traceID ?? '');
          const t = await source.getTrace(id);
          if (!t) {
            // The contract's error shape, with Jaeger's own fields alongside for Jaeger clients.
            return {
              status: 404,
              body: { error: { code: 'not_found', message: `trace ${id} not found` }, data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 404, msg: 'trace not found', traceID: id }] },
            };
          }
          return envelope(render([t]));
        }),
    },
    {
      // Calls between services seen in (endTs - lookback, endTs], both in ms (defaults: now, one day).
      method: 'GET',
      path: '/api/dependencies',
      handler: (req) =>
        guard(async () => {
          const q = parseDependenciesQuery(req.url.searchParams, nowMs());
          return envelope(await source.dependencies(q.endMs, q.lookbackMs));
        }),
    },
  ];
}
