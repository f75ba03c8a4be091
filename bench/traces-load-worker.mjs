/* global fetch, performance */
// Load generator for bench/traces.bench.ts, in a worker thread so the client's own HTTP work does not
// share the event loop with the server under test (real span clients are other processes).
import { parentPort, workerData } from 'node:worker_threads';

const { url, bodies, contentType, concurrency } = workerData;
let next = 0;
const t0 = performance.now();
try {
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': contentType } });
        await res.arrayBuffer();
        if (res.status >= 300) throw new Error(`ingest answered ${res.status}`);
      }
    }),
  );
  parentPort.postMessage({ ms: performance.now() - t0 });
} catch (err) {
  parentPort.postMessage({ error: String(err) });
}
