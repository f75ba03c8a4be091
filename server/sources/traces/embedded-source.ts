import type { DependencyLink, TraceQuery } from '../../../lib/api/traces';
import { dependencyLinks } from '../../../lib/traces/dependencies';
import type { TraceStore } from '../../stores/traces/trace-store';
import type { SourceTrace, TraceSource } from './source';

/** Reads from the embedded SQLite store. */
export class EmbeddedTraceSource implements TraceSource {
  readonly kind = 'embedded' as const;
  constructor(private readonly store: TraceStore) {}

  async services(): Promise<string[]> {
    return this.store.services();
  }

  async operations(service: string): Promise<string[]> {
    return this.store.operations(service);
  }

  async getTrace(traceId: string): Promise<SourceTrace | undefined> {
    const spans = this.store.getTrace(traceId);
    return spans.length ? { traceId, spans } : undefined;
  }

  async search(q: TraceQuery): Promise<SourceTrace[]> {
    return this.store.search(q);
  }

  async dependencies(endMs: number, lookbackMs: number): Promise<DependencyLink[]> {
    return dependencyLinks(this.store.windowTraces((endMs - lookbackMs) * 1000, endMs * 1000));
  }
}
