import type { TraceQuery } from '../../../lib/api/traces';
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
}
