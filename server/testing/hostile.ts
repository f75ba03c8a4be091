/**
 * The hostile-input suite's harness: runs an attack against a live server while a probe thread asks
 * `/api/health` every 50 ms, and reports how long the attack took and the worst health latency seen meanwhile. Every case
 * asserts its status, a bounded time and `worstHealthMs < 1000`, then that stored data is intact.
 */
import http from 'node:http';
import { Worker } from 'node:worker_threads';

export interface AttackResult<T> {
  /** What the attack returned (usually its HTTP status and body). */
  value: T;
  /** Wall time of the attack, ms. */
  elapsedMs: number;
  /** The slowest `/api/health` answer during the attack, ms (a probe that never answered counts its wait). */
  worstHealthMs: number;
  /** Health probes sent during the attack. */
  probes: number;
}

// The probe runs on its own thread: the server under test usually shares this process's event loop, and a probe
// on that loop would stall with it and never see the stall. Plain JS, evaluated in a Worker.
const PROBE_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: false, maxSockets: 2 });
let stop = false, worst = 0, probes = 0, since;
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  stop = true;
  if (since !== undefined) worst = Math.max(worst, performance.now() - since);
  parentPort.postMessage({ worst, probes });
});
function once() {
  return new Promise((resolve) => {
    since = performance.now();
    const t0 = since;
    const done = () => { since = undefined; resolve(performance.now() - t0); };
    const req = http.get(workerData.url + '/api/health', { agent, timeout: workerData.timeoutMs }, (res) => { res.resume(); res.on('end', done); res.on('error', done); });
    req.on('timeout', () => { req.destroy(); });
    req.on('error', done);
  });
}
(async () => {
  while (!stop) {
    const ms = await once();
    if (stop) break;
    probes++;
    worst = Math.max(worst, ms);
    await new Promise((r) => setTimeout(r, workerData.intervalMs));
  }
})();
`;

/**
 * Runs `attack` while a probe thread asks `/api/health` every `intervalMs`. The worst probe includes one still in
 * flight when the attack settles (measured up to that moment).
 */
export async function underAttack<T>(baseUrl: string, attack: () => Promise<T>, opts: { intervalMs?: number; probeTimeoutMs?: number } = {}): Promise<AttackResult<T>> {
  const worker = new Worker(PROBE_THREAD, { eval: true, workerData: { url: baseUrl, intervalMs: opts.intervalMs ?? 50, timeoutMs: opts.probeTimeoutMs ?? 30_000 } });
  await new Promise((r) => setTimeout(r, 20));
  const t0 = performance.now();
  try {
    const value = await attack();
    const elapsedMs = performance.now() - t0;
    const { worst, probes } = await new Promise<{ worst: number; probes: number }>((resolve) => {
      worker.once('message', resolve);
      worker.postMessage('stop');
    });
    return { value, elapsedMs, worstHealthMs: worst, probes };
  } finally {
    await worker.terminate();
  }
}

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One raw HTTP request with a body given as bytes (fetch would set headers of its own and refuses some
 * that attacks need, such as a long `Origin` or a foreign `Host`).
 */
export function rawRequest(baseUrl: string, method: string, path: string, headers: Record<string, string>, body?: Buffer | string, timeoutMs = 60_000): Promise<RawAnswer> {
  const u = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, method, path, headers: { ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers }, timeout: timeoutMs, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
