import type Database from 'better-sqlite3';

/** Bumped when the table layout changes; an older file is refused with a clear message. */
export const SCHEMA_VERSION = 2;

/*
 * One row per span. The searchable fields are columns; tags are canonical JSON text so a tag filter
 * is an exact substring test (`"key":"value"`), and the rest of the span (logs, process tags,
 * warnings) rides along as JSON in `doc`. Index keys are small integers so ingest stays fast:
 * `trace_key` is the low 52 bits of the trace id (the full id is checked on read), services and
 * operations are ids into their own tables. Indexes follow the queries: by trace, by service or
 * operation over time with duration in the key (duration filters never touch the table), and by
 * time alone for searches without a service and for retention.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS services (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS operations (
  id         INTEGER PRIMARY KEY,
  service_id INTEGER NOT NULL,
  name       TEXT    NOT NULL,
  UNIQUE (service_id, name)
);
CREATE TABLE IF NOT EXISTS spans (
  trace_id    TEXT    NOT NULL,
  trace_key   INTEGER NOT NULL,
  span_id     TEXT    NOT NULL,
  parent_id   TEXT,
  service_id  INTEGER NOT NULL,
  op_id       INTEGER NOT NULL,
  kind        TEXT    NOT NULL,
  start_us    INTEGER NOT NULL,
  duration_us INTEGER NOT NULL,
  error       INTEGER NOT NULL,
  tags        TEXT    NOT NULL,
  doc         TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS spans_trace ON spans (trace_key);
CREATE INDEX IF NOT EXISTS spans_service_time ON spans (service_id, start_us, duration_us);
CREATE INDEX IF NOT EXISTS spans_operation_time ON spans (op_id, start_us, duration_us);
CREATE INDEX IF NOT EXISTS spans_time ON spans (start_us);
`;

/** The integer index key of a normalised (32 hex) trace id: its low 52 bits. */
export const traceKey = (traceId: string): number => parseInt(traceId.slice(19), 16);

/** Opens the database for fast, crash-safe ingest and creates the tables. */
export function initSchema(db: Database.Database): void {
  // Page size and auto_vacuum must be chosen before the first table exists. Larger pages make
  // index inserts cheaper; incremental auto_vacuum lets retention hand space back.
  db.pragma('page_size = 16384');
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  // In WAL mode NORMAL loses nothing on a process crash (only on power loss), and commits stay cheap.
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  db.pragma('journal_size_limit = 67108864');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== 0 && version !== SCHEMA_VERSION) {
    throw new Error(`trace store schema version ${version} is not the one this Meshlens understands (${SCHEMA_VERSION}); move the traces folder aside to start afresh`);
  }
  db.exec(DDL);
  if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
}
