import type { DependencyLink, TraceQuery } from '../../../lib/api/traces';
import { HttpError } from '../../http/errors';
import { DependenciesTimeoutError, DependenciesUnavailableError } from '../../stores/traces/dependencies-worker';
import type { TraceStore } from '../../stores/traces/trace-store';
import { StoreClosedError } from '../../stores/traces/write-queue';
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

  /** Computed on the store's worker thread, so a large window does not hold up other requests. */
  async dependencies(endMs: number, lookbackMs: number): Promise<DependencyLink[]> {
    try {
      return await this.store.dependencies((endMs - lookbackMs) * 1000, endMs * 1000);
    } catch (err) {
      if (err instanceof DependenciesTimeoutError) throw new HttpError('gateway_timeout', err.message);
      if (err instanceof DependenciesUnavailableError || err instanceof StoreClosedError) throw new HttpError('unavailable', err.message);
      throw err;
    }
  }
}
