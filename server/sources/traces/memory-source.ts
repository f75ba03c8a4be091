import type { DependencyLink, TraceQuery } from '../../../lib/api/traces';
import { dependencyLinks } from '../../../lib/traces/dependencies';
import type { Span } from '../../../lib/traces/model';
import type { SourceTrace, TraceSource } from './source';

/** Jaeger's tag match: span tags, process tags or any log's fields. */
function hasTag(s: Span, key: string, value: string): boolean {
  const eq = (bag: Record<string, unknown>) => bag[key] !== undefined && String(bag[key]) === value;
  return eq(s.tags) || eq(s.processTags) || s.logs.some((l) => eq(l.fields));
}

/**
 * The test double: spans held in memory with the same search semantics as the store
 * (a trace matches when one of its spans matches every filter).
 */
export class MemoryTraceSource implements TraceSource {
  readonly kind = 'memory' as const;
  private readonly spans: Span[] = [];

  add(...spans: Span[]): void {
    this.spans.push(...spans);
  }

  async services(): Promise<string[]> {
    return [...new Set(this.spans.map((s) => s.service))].sort();
  }

  async operations(service: string): Promise<string[]> {
    return [...new Set(this.spans.filter((s) => s.service === service).map((s) => s.name))].sort();
  }

  async getTrace(traceId: string): Promise<SourceTrace | undefined> {
    const spans = this.spans.filter((s) => s.traceId === traceId);
    return spans.length ? { traceId, spans } : undefined;
  }

  async search(q: TraceQuery): Promise<SourceTrace[]> {
    const matches = this.spans
      .filter(
        (s) =>
          s.startUs >= q.startUs &&
          s.startUs <= q.endUs &&
          (q.service === undefined || s.service === q.service) &&
          (q.operation === undefined || s.name === q.operation) &&
          (q.minDurationUs === undefined || s.durationUs >= q.minDurationUs) &&
          (q.maxDurationUs === undefined || s.durationUs <= q.maxDurationUs) &&
          Object.entries(q.tags).every(([k, v]) => hasTag(s, k, v)),
      )
      .sort((a, b) => b.startUs - a.startUs);
    const ids = [...new Set(matches.map((s) => s.traceId))].slice(0, q.limit);
    return ids.map((traceId) => ({ traceId, spans: this.spans.filter((s) => s.traceId === traceId) }));
  }

  async dependencies(endMs: number, lookbackMs: number): Promise<DependencyLink[]> {
    const afterUs = (endMs - lookbackMs) * 1000;
    const untilUs = endMs * 1000;
    const byTrace = new Map<string, Span[]>();
    for (const s of this.spans) {
      if (s.startUs <= afterUs || s.startUs > untilUs) continue;
      const trace = byTrace.get(s.traceId);
      if (trace) trace.push(s);
      else byTrace.set(s.traceId, [s]);
    }
    return dependencyLinks(byTrace.values());
  }
}
