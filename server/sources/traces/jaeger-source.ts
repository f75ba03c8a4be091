import type { z } from 'zod';
import { dependenciesResponseSchema, namesResponseSchema, tracesResponseSchema, type DependencyLink, type TraceQuery } from '../../../lib/api/traces';
import { byParentThenChild } from '../../../lib/traces/dependencies';
import { fromJaegerTrace } from '../../../lib/traces/jaeger';
import { SourceUnavailableError, type SourceTrace, type TraceSource } from './source';

const TIMEOUT_MS = 10_000;
const FAN_OUT_SERVICES = 20;

/**
 * Reads a remote Jaeger query service (or Tempo's Jaeger-compatible API) over its HTTP JSON API.
 * Responses are validated against the Jaeger shape; anything else is SourceUnavailableError.
 */
export class JaegerTraceSource implements TraceSource {
  readonly kind = 'jaeger' as const;
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  private async get<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T> | undefined> {
    const url = this.base + path;
    let res: Response;
    try {
      res = await this.fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (err) {
      throw new SourceUnavailableError(`Jaeger at ${this.base} did not answer: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (res.status === 404) return undefined;
    if (!res.ok) throw new SourceUnavailableError(`Jaeger at ${this.base} answered ${res.status} for ${path}`);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new SourceUnavailableError(`Jaeger at ${this.base} sent a body that is not JSON for ${path}`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new SourceUnavailableError(`Jaeger at ${this.base} sent an unexpected shape for ${path}: ${parsed.error.issues[0]?.message ?? ''}`);
    return parsed.data;
  }

  async services(): Promise<string[]> {
    return ((await this.get('/api/services', namesResponseSchema))?.data ?? []).sort();
  }

  async operations(service: string): Promise<string[]> {
    return ((await this.get(`/api/services/${encodeURIComponent(service)}/operations`, namesResponseSchema))?.data ?? []).sort();
  }

  async getTrace(traceId: string): Promise<SourceTrace | undefined> {
    const r = await this.get(`/api/traces/${traceId}`, tracesResponseSchema);
    const t = r?.data?.[0];
    if (!t) return undefined;
    const spans = fromJaegerTrace(t);
    return spans.length ? { traceId, spans } : undefined;
  }

  async search(q: TraceQuery): Promise<SourceTrace[]> {
    if (q.service) return this.searchService(q, q.service);
    // Jaeger requires a service: search the first few services and merge, newest trace first.
    const services = (await this.services()).slice(0, FAN_OUT_SERVICES);
    const results = await Promise.all(services.map((s) => this.searchService(q, s)));
    const seen = new Set<string>();
    const merged: { t: SourceTrace; start: number }[] = [];
    for (const t of results.flat()) {
      if (seen.has(t.traceId)) continue;
      seen.add(t.traceId);
      merged.push({ t, start: Math.min(...t.spans.map((s) => s.startUs)) });
    }
    return merged
      .sort((a, b) => b.start - a.start)
      .slice(0, q.limit)
      .map((m) => m.t);
  }

  async dependencies(endMs: number, lookbackMs: number): Promise<DependencyLink[]> {
    const p = new URLSearchParams({ endTs: String(endMs), lookback: String(lookbackMs) });
    const links = (await this.get(`/api/dependencies?${p.toString()}`, dependenciesResponseSchema))?.data ?? [];
    // Jaeger answers in no particular order; the API promises parent, then child.
    return links.sort(byParentThenChild);
  }

  private async searchService(q: TraceQuery, service: string): Promise<SourceTrace[]> {
    const p = new URLSearchParams();
    p.set('service', service);
    if (q.operation) p.set('operation', q.operation);
    if (Object.keys(q.tags).length) p.set('tags', JSON.stringify(q.tags));
    p.set('start', String(q.startUs));
    p.set('end', String(q.endUs));
    if (q.minDurationUs !== undefined) p.set('minDuration', `${q.minDurationUs}us`);
    if (q.maxDurationUs !== undefined) p.set('maxDuration', `${q.maxDurationUs}us`);
    p.set('limit', String(q.limit));
    const r = await this.get(`/api/traces?${p.toString()}`, tracesResponseSchema);
    const out: SourceTrace[] = [];
    for (const t of r?.data ?? []) {
      const spans = fromJaegerTrace(t);
      const first = spans[0];
      if (first) out.push({ traceId: first.traceId, spans });
    }
    return out;
  }
}
