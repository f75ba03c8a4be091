import type Database from 'better-sqlite3';
import type { DependencySpan } from '../../../lib/traces/dependencies';
import type { SpanKind } from '../../../lib/traces/model';

/**
 * The spans starting in (?, ?], only what linking needs, one trace's rows after another (trace_key first:
 * a cheap integer sort). Shared by the store's own connection and the dependencies worker's read-only one.
 */
export const WINDOW_SQL =
  'SELECT s.trace_id, s.span_id, s.parent_id, s.kind, v.name AS service FROM spans s JOIN services v ON v.id = s.service_id ' +
  'WHERE s.start_us > ? AND s.start_us <= ? ORDER BY s.trace_key, s.trace_id';

interface WindowRow {
  trace_id: string;
  span_id: string;
  parent_id: string | null;
  kind: string;
  service: string;
}

/**
 * Runs a prepared WINDOW_SQL over (afterUs, untilUs] and yields one trace at a time. Rows stream from SQLite,
 * so only the current trace is held in memory. Runs synchronously while consumed.
 */
export function* streamWindow(window: Database.Statement, afterUs: number, untilUs: number): Generator<DependencySpan[]> {
  let trace: DependencySpan[] = [];
  for (const r of window.iterate(afterUs, untilUs) as IterableIterator<WindowRow>) {
    if (trace.length > 0 && trace[0]?.traceId !== r.trace_id) {
      yield trace;
      trace = [];
    }
    const s: DependencySpan = { traceId: r.trace_id, spanId: r.span_id, kind: r.kind as SpanKind, service: r.service };
    if (r.parent_id) s.parentSpanId = r.parent_id;
    trace.push(s);
  }
  if (trace.length > 0) yield trace;
}
