/**
 * The dependencies worker thread (started by DependenciesWorker through dependencies-thread.mjs): a read-only
 * connection to the store's SQLite file. The store runs in WAL mode, so this reader sees every committed span
 * while the main thread keeps writing. Requests are answered one after another, each with its id.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { dependencyLinks } from '../../../lib/traces/dependencies';
import type { DependenciesReply, DependenciesRequest } from './dependencies-worker';
import { streamWindow, WINDOW_SQL } from './window';

const port = parentPort;
if (!port) throw new Error('dependencies-thread runs only as a worker thread');
const { file } = workerData as { file: string };

const db = new Database(file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -65536');
db.pragma('temp_store = MEMORY');
const window = db.prepare(WINDOW_SQL);

port.on('message', (req: DependenciesRequest) => {
  let reply: DependenciesReply;
  try {
    reply = { id: req.id, links: dependencyLinks(streamWindow(window, req.afterUs, req.untilUs)) };
  } catch (err) {
    reply = { id: req.id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
