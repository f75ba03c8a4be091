import type { DependencyLink, TraceQuery } from '../../../lib/api/traces';
import type { Span } from '../../../lib/traces/model';

/** One trace as a source returns it. */
export interface SourceTrace {
  traceId: string;
  spans: Span[];
}

/**
 * Where the query API reads traces from: the embedded store, or a remote Jaeger (or Tempo's
 * Jaeger-compatible API). Trace ids passed in are already normalised to 32 hex chars.
 */
export interface TraceSource {
  readonly kind: 'embedded' | 'jaeger' | 'memory';
  services(): Promise<string[]>;
  operations(service: string): Promise<string[]>;
  /** The trace's spans, or undefined when the source has none. */
  getTrace(traceId: string): Promise<SourceTrace | undefined>;
  search(q: TraceQuery): Promise<SourceTrace[]>;
  /**
   * Jaeger's service dependencies: calls between services counted over the spans starting in
   * (endMs - lookbackMs, endMs], sorted by parent then child.
   */
  dependencies(endMs: number, lookbackMs: number): Promise<DependencyLink[]>;
}

/** The remote source could not answer (network, 5xx, or a body that is not Jaeger's shape). */
export class SourceUnavailableError extends Error {
  override readonly name = 'SourceUnavailableError';
}
