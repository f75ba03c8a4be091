/**
 * A receiver in its own process for the crash test: starts the traces feature on a loopback
 * port under the data dir given as argv[2] and prints its URL; the parent SIGKILLs it.
 */
import { startTraces } from '../../traces';
import { serveRoutes, testCore } from './serve-routes';

const dir = process.argv[2];
if (!dir) throw new Error('usage: child-receiver <data-dir>');
const handle = await startTraces(testCore(dir));
const server = await serveRoutes(handle.routes);
process.stdout.write(server.url + '\n');
