import type { Span } from '../../../lib/traces/model';

/** The store has more uncommitted spans than it accepts; the receiver answers 429/503 with Retry-After. */
export class StoreOverloadedError extends Error {
  override readonly name = 'StoreOverloadedError';
}

/** The store is closed (shutting down); the receiver answers 503. */
export class StoreClosedError extends Error {
  override readonly name = 'StoreClosedError';
}

interface Waiter {
  spans: readonly Span[];
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Group commit: appends arriving in the same event-loop turn are written in one transaction on
 * the next turn, and each caller's promise settles only after that commit. When the shared commit fails, each
 * caller's spans are retried in a transaction of their own, so only the caller whose spans fail is refused.
 */
export class WriteQueue {
  private waiters: Waiter[] = [];
  private pendingSpans = 0;
  private scheduled = false;
  private closed = false;

  constructor(
    private readonly commit: (spans: readonly Span[]) => void,
    private readonly maxPending: number,
  ) {}

  get pending(): number {
    return this.pendingSpans;
  }

  append(spans: readonly Span[]): Promise<void> {
    if (this.closed) return Promise.reject(new StoreClosedError('the trace store is closed'));
    if (spans.length === 0) return Promise.resolve();
    if (this.pendingSpans + spans.length > this.maxPending) {
      return Promise.reject(new StoreOverloadedError(`${this.pendingSpans} spans are waiting to be written`));
    }
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ spans, resolve, reject });
      this.pendingSpans += spans.length;
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Writes everything queued now. */
  flush(): void {
    this.scheduled = false;
    const batch = this.waiters;
    if (!batch.length) return;
    this.waiters = [];
    this.pendingSpans = 0;
    const all: Span[] = [];
    for (const w of batch) for (const s of w.spans) all.push(s);
    try {
      this.commit(all);
    } catch {
      // The shared transaction rolled back. One client's bad span must not fail the others that happened to share
      // its tick: commit each request on its own, so only the request at fault is refused.
      for (const w of batch) {
        try {
          this.commit(w.spans);
        } catch (err) {
          w.reject(err);
          continue;
        }
        w.resolve();
      }
      return;
    }
    for (const w of batch) w.resolve();
  }

  /** Flushes and refuses further appends. */
  close(): void {
    this.flush();
    this.closed = true;
  }
}
