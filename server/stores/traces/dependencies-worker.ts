import { Worker } from 'node:worker_threads';
import type { DependencyLink } from '../../../lib/api/traces';
import { StoreClosedError } from './write-queue';

/** A request to the dependencies thread: the links of the spans starting in (afterUs, untilUs]. */
export interface DependenciesRequest {
  id: number;
  afterUs: number;
  untilUs: number;
}

/** The thread's answer to one request. */
export type DependenciesReply = { id: number; links: DependencyLink[] } | { id: number; error: string };

/** The computation took longer than allowed; the thread was stopped (the route answers 504). */
export class DependenciesTimeoutError extends Error {
  override readonly name = 'DependenciesTimeoutError';
}

/** The dependencies thread failed (could not start, crashed, or the query failed); the route answers 503. */
export class DependenciesUnavailableError extends Error {
  override readonly name = 'DependenciesUnavailableError';
}

interface Pending {
  req: DependenciesRequest;
  resolve(links: DependencyLink[]): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

const ENTRY = new URL('./dependencies-thread.mjs', import.meta.url);

/**
 * Computes service dependencies on a worker thread that reads the store's SQLite file on its own read-only
 * connection, so the main event loop stays free however large the window. One long-lived thread per store,
 * started on the first request; requests carry ids, so concurrent calls are fine (the thread answers them in
 * turn). A request that takes longer than `timeoutMs` is rejected with DependenciesTimeoutError and the thread,
 * stuck in a synchronous scan, is stopped; requests still waiting go to a fresh thread.
 */
export class DependenciesWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  /** Threads not yet exited (a stopped one takes a moment to go). */
  private readonly exits = new Set<Promise<void>>();

  constructor(
    private readonly file: string,
    private readonly timeoutMs: number,
  ) {}

  /** Whether a thread is running now. */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** The links of the spans starting in (afterUs, untilUs], sorted by parent then child. */
  compute(afterUs: number, untilUs: number, timeoutMs = this.timeoutMs): Promise<DependencyLink[]> {
    if (this.closed) return Promise.reject(new StoreClosedError('the trace store is closed'));
    return new Promise((resolve, reject) => {
      const req: DependenciesRequest = { id: this.nextId++, afterUs, untilUs };
      const timer = setTimeout(() => this.timedOut(req.id, timeoutMs), timeoutMs);
      this.pending.set(req.id, { req, resolve, reject, timer });
      this.thread().postMessage(req);
    });
  }

  /** Stops the thread and rejects what is waiting; resolves once the thread has exited. */
  close(): Promise<void> {
    this.closed = true;
    this.stop();
    this.failAll(new StoreClosedError('the trace store is closed'));
    return Promise.all(this.exits).then(() => undefined);
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(ENTRY, { workerData: { file: this.file } });
    // Idle, the thread does not keep the process alive; a waiting request's timer does.
    w.unref();
    w.on('message', (reply: DependenciesReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return; // timed out meanwhile
      this.settle(reply.id);
      if ('error' in reply) p.reject(new DependenciesUnavailableError(`dependencies query failed: ${reply.error}`));
      else p.resolve(reply.links);
    });
    w.on('error', (err) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.failAll(new DependenciesUnavailableError(`dependencies thread failed: ${err.message}`));
    });
    w.on('exit', (code) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.failAll(new DependenciesUnavailableError(`dependencies thread exited (code ${code})`));
    });
    const exit = new Promise<void>((resolve) => w.once('exit', () => resolve()));
    this.exits.add(exit);
    void exit.then(() => this.exits.delete(exit));
    this.worker = w;
    return w;
  }

  private timedOut(id: number, timeoutMs: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.settle(id);
    p.reject(new DependenciesTimeoutError(`computing dependencies took longer than ${timeoutMs} ms; try a shorter lookback`));
    // The thread is inside a synchronous scan it cannot be asked to leave: stop it, and hand what else is
    // waiting (queued behind that scan) to a fresh thread. Their own timers keep running.
    this.stop();
    if (this.pending.size === 0) return;
    const w = this.thread();
    for (const q of this.pending.values()) w.postMessage(q.req);
  }

  private stop(): void {
    const w = this.worker;
    if (!w) return;
    this.worker = undefined; // its 'error' and 'exit' events no longer reject anything
    void w.terminate();
  }

  private settle(id: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(id);
  }

  private failAll(err: Error): void {
    for (const [id, p] of [...this.pending]) {
      this.settle(id);
      p.reject(err);
    }
  }
}
