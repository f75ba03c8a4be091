import type Database from 'better-sqlite3';

/** Bumped when the table layout changes; an older file is refused with a clear message. */
export const SCHEMA_VERSION = 1;

/*
 * One row per span. The searchable fields are columns; tags are canonical JSON text so a tag filter
 * is an exact substring test (`"key":"value"`), and the rest of the span (logs, process tags,
 * warnings) rides along as JSON in `doc`. Indexes follow the queries: by trace id, by service (and
 * operation) over time with duration in the key so duration filters never touch the table, and by
 * time alone for searches without a service and for retention.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS spans (
  trace_id    TEXT    NOT NULL,
  span_id     TEXT    NOT NULL,
  parent_id   TEXT,
  service     TEXT    NOT NULL,
  operation   TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  start_us    INTEGER NOT NULL,
  duration_us INTEGER NOT NULL,
  error       INTEGER NOT NULL,
  tags        TEXT    NOT NULL,
  doc         TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS spans_trace ON spans (trace_id);
CREATE INDEX IF NOT EXISTS spans_service_time ON spans (service, start_us, duration_us);
CREATE INDEX IF NOT EXISTS spans_operation_time ON spans (service, operation, start_us, duration_us);
CREATE INDEX IF NOT EXISTS spans_time ON spans (start_us);
CREATE TABLE IF NOT EXISTS operations (
  service   TEXT NOT NULL,
  operation TEXT NOT NULL,
  kind      TEXT NOT NULL,
  PRIMARY KEY (service, operation, kind)
) WITHOUT ROWID;
`;

/** Opens the database for fast, crash-safe ingest and creates the tables. */
export function initSchema(db: Database.Database): void {
  // auto_vacuum must be chosen before the first table exists; it lets retention hand space back.
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  // In WAL mode NORMAL loses nothing on a process crash (only on power loss), and commits stay cheap.
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  db.pragma('journal_size_limit = 67108864');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`trace store schema version ${version} is newer than this Meshlens understands (${SCHEMA_VERSION})`);
  }
  db.exec(DDL);
  if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
}
