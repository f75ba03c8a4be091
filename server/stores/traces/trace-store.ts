import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DependencyLink, TraceQuery } from '../../../lib/api/traces';
import type { DependencySpan } from '../../../lib/traces/dependencies';
import type { Span } from '../../../lib/traces/model';
import { DependenciesWorker } from './dependencies-worker';
import { NameIds } from './names';
import { initSchema, traceKey } from './schema';
import { fromRow, tagNeedles, toRow, type SpanRow } from './span-row';
import { TraceCounts } from './trace-counts';
import { streamWindow, WINDOW_SQL } from './window';
import { WriteQueue } from './write-queue';

export interface TraceStoreOptions {
  /** Spans older than this are deleted by `enforceRetention` (default 7 days). */
  maxAgeMs?: number;
  /** The database is trimmed, oldest spans first, to stay under this many bytes (default 2 GiB). */
  maxBytes?: number;
  /** Spans waiting for a commit beyond which `append` refuses (overload). */
  maxPendingSpans?: number;
  /** `dependencies` gives up after this long and stops its worker thread (default 30 s). */
  dependenciesTimeoutMs?: number;
  /** Spans kept per trace; more are refused at `append` and never read back (default 10,000). */
  maxSpansPerTrace?: number;
}

export interface AppendOptions {
  /** All or nothing: when any span's trace is full, refuse every span with TraceFullError (Zipkin has no partial success). */
  atomic?: boolean;
}

export interface AppendResult {
  /** Indices (into the spans given) of those refused because their trace already holds `maxSpansPerTrace`. */
  traceFull: number[];
}

/** An atomic append met a full trace; nothing of the request was queued. */
export class TraceFullError extends Error {
  override readonly name = 'TraceFullError';
  constructor(
    message: string,
    readonly refused: number,
  ) {
    super(message);
  }
}

export interface FoundTrace {
  traceId: string;
  spans: Span[];
}

const DAY_MS = 86_400_000;
const RETENTION_CHUNK = 20_000;

/**
 * The embedded trace store: one SQLite file in WAL mode. Writes are group-committed (every
 * request waiting in the same tick shares one transaction) and `append` resolves only after the
 * commit, so a span acknowledged to a client survives a crash.
 */
export class TraceStore {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly queue: WriteQueue;
  private readonly names: NameIds;
  private readonly maxAgeMs: number;
  private readonly maxBytes: number;
  private readonly stmts;
  private readonly deps: DependenciesWorker;
  private readonly counts: TraceCounts;
  readonly maxSpansPerTrace: number;

  constructor(dir: string, opts: TraceStoreOptions = {}) {
    mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, 'traces.db');
    this.db = new Database(this.file);
    initSchema(this.db);
    this.maxAgeMs = opts.maxAgeMs ?? 7 * DAY_MS;
    this.maxBytes = opts.maxBytes ?? 2 * 1024 ** 3;
    this.stmts = {
      insert: this.db.prepare('INSERT INTO spans VALUES (?,?,?,?,?,?,?,?,?,?,?,?)'),
      // Bounded even for a trace stored before the per-trace cap existed (ingest order: rowid).
      byTrace: this.db.prepare('SELECT * FROM spans WHERE trace_key = ? AND trace_id = ? LIMIT ?'),
      pageStats: this.db.prepare('SELECT (SELECT page_count FROM pragma_page_count()) AS pages, (SELECT freelist_count FROM pragma_freelist_count()) AS free, (SELECT page_size FROM pragma_page_size()) AS size'),
      count: this.db.prepare('SELECT count(*) AS n FROM spans'),
      deleteBefore: this.db.prepare('DELETE FROM spans WHERE rowid IN (SELECT rowid FROM spans WHERE start_us < ? ORDER BY start_us LIMIT ?)'),
      // Rowids grow with every insert (retention deletes from the low end), so the lowest are the first ingested.
      deleteFirstIngested: this.db.prepare('DELETE FROM spans WHERE rowid IN (SELECT rowid FROM spans ORDER BY rowid LIMIT ?)'),
      window: this.db.prepare(WINDOW_SQL),
      pruneOps: this.db.prepare('DELETE FROM operations WHERE NOT EXISTS (SELECT 1 FROM spans s WHERE s.op_id = operations.id)'),
      pruneServices: this.db.prepare('DELETE FROM services WHERE NOT EXISTS (SELECT 1 FROM operations o WHERE o.service_id = services.id)'),
    };
    this.names = new NameIds(this.db);
    this.counts = new TraceCounts(this.db);
    this.maxSpansPerTrace = opts.maxSpansPerTrace ?? 10_000;
    const tx = this.db.transaction((spans: readonly Span[]) => this.insertRows(spans));
    const insertMany = (spans: readonly Span[]) => {
      try {
        tx(spans);
      } catch (err) {
        // Names created inside the rolled-back transaction are gone from the file: drop the cached ids with them.
        this.names.reload();
        throw err;
      }
    };
    this.queue = new WriteQueue((spans) => insertMany(spans), opts.maxPendingSpans ?? 200_000);
    this.deps = new DependenciesWorker(this.file, opts.dependenciesTimeoutMs ?? 30_000);
  }

  private insertRows(spans: readonly Span[]): void {
    const insert = this.stmts.insert;
    for (const s of spans) {
      const sid = this.names.serviceId(s.service);
      insert.run(toRow(s, traceKey(s.traceId), sid, this.names.opId(sid, s.name)));
    }
  }

  /**
   * Queues spans for the next group commit; resolves once they are durable. Spans of a trace that already holds
   * `maxSpansPerTrace` are refused (listed in the result), or with `atomic` the whole call rejects with
   * TraceFullError. Rejects with StoreOverloadedError when the queue is full.
   */
  async append(spans: readonly Span[], opts: AppendOptions = {}): Promise<AppendResult> {
    const kept = this.admit(spans, opts);
    const ids = new Set(kept.spans.map((s) => s.traceId));
    try {
      await this.queue.append(kept.spans);
    } catch (err) {
      // Not stored after all: let the next append recount these traces from the file.
      this.counts.forget(ids);
      throw err;
    }
    return { traceFull: kept.traceFull };
  }

  /** The per-trace cap, checked and reserved synchronously so concurrent requests cannot both pass it. */
  private admit(spans: readonly Span[], opts: AppendOptions): { spans: readonly Span[]; traceFull: number[] } {
    const max = this.maxSpansPerTrace;
    const added = new Map<string, number>();
    const traceFull: number[] = [];
    const kept: Span[] = [];
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i] as Span;
      const n = added.get(s.traceId) ?? this.counts.get(s.traceId);
      if (n >= max) traceFull.push(i);
      else {
        added.set(s.traceId, n + 1);
        kept.push(s);
      }
    }
    if (traceFull.length && opts.atomic) {
      const first = (spans[traceFull[0] as number] as Span).traceId;
      throw new TraceFullError(`${traceFull.length} spans belong to traces that already hold ${max} spans (the per-trace limit), e.g. ${first}`, traceFull.length);
    }
    for (const [id, n] of added) this.counts.set(id, n);
    return { spans: traceFull.length ? kept : spans, traceFull };
  }

  /** Inserts in one transaction now (bulk loads and tests). */
  insertNow(spans: readonly Span[]): void {
    this.db.transaction(() => this.insertRows(spans))();
    this.counts.forget(spans.map((s) => s.traceId));
  }

  /** Spans waiting for a commit. */
  get pendingSpans(): number {
    return this.queue.pending;
  }

  /** Every span of one trace (id already normalised to 32 hex), duplicates from client retries removed. */
  getTrace(traceId: string): Span[] {
    const seen = new Set<string>();
    const out: Span[] = [];
    for (const r of this.stmts.byTrace.all(traceKey(traceId), traceId, this.maxSpansPerTrace) as SpanRow[]) {
      const key = `${r.span_id}\u0000${r.kind}\u0000${r.service_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(fromRow(r, this.names.serviceName(r.service_id), this.names.opName(r.op_id)));
    }
    return out;
  }

  /**
   * Traces with at least one span matching the query (service, operation, every tag, duration
   * bounds, time window), most recent match first, at most `limit` of them.
   */
  search(q: TraceQuery): FoundTrace[] {
    const where: string[] = ['start_us >= ?', 'start_us <= ?'];
    const args: (string | number)[] = [q.startUs, q.endUs];
    if (q.service !== undefined) {
      const sid = this.names.findService(q.service);
      if (sid === undefined) return [];
      const opId = q.operation !== undefined ? this.names.findOp(sid, q.operation) : undefined;
      if (q.operation !== undefined && opId === undefined) return [];
      // The operation id implies the service, and picks the narrower index.
      where.push(opId !== undefined ? 'op_id = ?' : 'service_id = ?');
      args.push(opId ?? sid);
    }
    if (q.minDurationUs !== undefined) {
      where.push('duration_us >= ?');
      args.push(q.minDurationUs);
    }
    if (q.maxDurationUs !== undefined) {
      where.push('duration_us <= ?');
      args.push(q.maxDurationUs);
    }
    // As Jaeger does, a tag filter matches span tags, process tags or log fields (all in `doc`).
    for (const [k, v] of Object.entries(q.tags)) {
      const needles = tagNeedles(k, v);
      where.push('(' + needles.map(() => 'instr(tags, ?) > 0 OR instr(doc, ?) > 0').join(' OR ') + ')');
      for (const n of needles) args.push(n, n);
    }
    const sql = `SELECT trace_id FROM spans WHERE ${where.join(' AND ')} ORDER BY start_us DESC`;
    const ids: string[] = [];
    const seen = new Set<string>();
    // Walk the time index newest first and stop as soon as `limit` distinct traces are found.
    for (const r of this.db.prepare(sql).iterate(...args) as IterableIterator<{ trace_id: string }>) {
      if (seen.has(r.trace_id)) continue;
      seen.add(r.trace_id);
      ids.push(r.trace_id);
      if (ids.length >= q.limit) break;
    }
    return ids.map((traceId) => ({ traceId, spans: this.getTrace(traceId) }));
  }

  /**
   * The spans starting in (afterUs, untilUs], one trace at a time (the spans of other traces and the rest of
   * the trace's columns are never read). Rows stream from SQLite, so only the current trace is held in memory.
   * Runs synchronously on the calling thread while consumed: the caller should consume it without awaiting in
   * between. Large windows block the event loop for seconds; the server uses `dependencies` instead.
   */
  windowTraces(afterUs: number, untilUs: number): Generator<DependencySpan[]> {
    return streamWindow(this.stmts.window, afterUs, untilUs);
  }

  /**
   * `dependencyLinks` over the spans starting in (afterUs, untilUs], computed on a worker thread with its own
   * read-only connection (WAL: it sees every committed span), so the event loop stays free meanwhile.
   * Rejects with DependenciesTimeoutError, DependenciesUnavailableError, or StoreClosedError once closed.
   */
  dependencies(afterUs: number, untilUs: number): Promise<DependencyLink[]> {
    return this.deps.compute(afterUs, untilUs);
  }

  services(): string[] {
    return this.names.services();
  }

  operations(service: string): string[] {
    return this.names.operations(service);
  }

  /** Bytes the live pages take (free pages excluded). */
  sizeBytes(): number {
    const s = this.stmts.pageStats.get() as { pages: number; free: number; size: number };
    return (s.pages - s.free) * s.size;
  }

  /**
   * Deletes spans that started before the age limit, then the first-ingested spans while the database is over its
   * size limit (by ingest order, not by their own timestamps: a client's clock cannot make current spans the
   * "oldest"), in chunks so ingest is never blocked for long. Returns how many spans went.
   */
  enforceRetention(nowMs: number): number {
    let deleted = 0;
    const cutoffUs = (nowMs - this.maxAgeMs) * 1000;
    for (;;) {
      const n = this.stmts.deleteBefore.run(cutoffUs, RETENTION_CHUNK).changes;
      deleted += n;
      if (n < RETENTION_CHUNK) break;
    }
    let size = this.sizeBytes();
    const rows = size > this.maxBytes ? (this.stmts.count.get() as { n: number }).n : 0;
    while (size > this.maxBytes && rows > 0) {
      // Estimate how many of the oldest rows free the excess, so a small overshoot deletes little.
      const want = Math.ceil(((size - this.maxBytes) / size) * rows * 1.05) + 1;
      const n = this.stmts.deleteFirstIngested.run(Math.min(want, RETENTION_CHUNK)).changes;
      deleted += n;
      if (n === 0) break;
      size = this.sizeBytes();
    }
    if (deleted > 0) {
      this.counts.clear();
      this.stmts.pruneOps.run();
      this.stmts.pruneServices.run();
      this.names.reload();
      this.db.pragma('incremental_vacuum');
    }
    return deleted;
  }

  /**
   * Commits what is queued, stops the dependencies thread and closes the file. The thread is told to stop
   * first; the returned promise resolves once it has exited (callers may ignore it).
   */
  close(): Promise<void> {
    if (!this.db.open) return Promise.resolve();
    const stopped = this.deps.close();
    this.queue.close();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
    return stopped;
  }
}
