import type Database from 'better-sqlite3';
import { traceKey } from './schema';

/** How many trace counts stay in memory; older ones are read again from the file when their trace comes back. */
const REMEMBERED = 100_000;

/**
 * Spans stored (or queued) per trace, for the per-trace cap: counted from the file the first time a trace is seen,
 * then kept in memory (most recently used last, bounded) and bumped as spans are admitted.
 */
export class TraceCounts {
  private readonly counts = new Map<string, number>();
  private readonly countStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.countStmt = db.prepare('SELECT count(*) AS n FROM spans WHERE trace_key = ? AND trace_id = ?');
  }

  /** Spans of `traceId` stored or queued now. */
  get(traceId: string): number {
    const known = this.counts.get(traceId);
    if (known !== undefined) {
      // Refresh its place so an active trace is not forgotten.
      this.counts.delete(traceId);
      this.counts.set(traceId, known);
      return known;
    }
    const n = (this.countStmt.get(traceKey(traceId), traceId) as { n: number }).n;
    this.set(traceId, n);
    return n;
  }

  set(traceId: string, n: number): void {
    this.counts.delete(traceId);
    this.counts.set(traceId, n);
    if (this.counts.size > REMEMBERED) this.counts.delete(this.counts.keys().next().value as string);
  }

  /** Forgets these traces (their spans failed to commit, or retention deleted some): the next `get` recounts. */
  forget(traceIds: Iterable<string>): void {
    for (const id of traceIds) this.counts.delete(id);
  }

  clear(): void {
    this.counts.clear();
  }
}
