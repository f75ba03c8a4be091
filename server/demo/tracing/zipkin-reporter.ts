import type { Logger } from 'pino';

/** One span as Envoy's Zipkin tracer serialises it (JSON v2). */
export interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  kind: 'CLIENT' | 'SERVER';
  name: string;
  timestamp: number;
  duration: number;
  localEndpoint: { serviceName: string; ipv4?: string };
  remoteEndpoint?: { ipv4?: string; port?: number };
  tags: Record<string, string>;
  shared?: boolean;
}

const FLUSH_EVERY_MS = 1000;
const FLUSH_AT_SPANS = 100;
const MAX_BUFFERED = 10_000;

/**
 * Buffers spans and POSTs them as a Zipkin v2 JSON array, the way Envoy's Zipkin tracer batches
 * (a size threshold or a timer, whichever comes first). Failed sends are dropped, as Envoy does.
 */
export class ZipkinReporter {
  private buffer: ZipkinSpan[] = [];
  private readonly timer: NodeJS.Timeout;
  private inFlight = new Set<Promise<void>>();

  constructor(
    private readonly url: string,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  report(span: ZipkinSpan): void {
    if (this.buffer.length >= MAX_BUFFERED) return;
    this.buffer.push(span);
    if (this.buffer.length >= FLUSH_AT_SPANS) void this.flush();
  }

  /** Sends what is buffered and waits for every send in flight. */
  async flush(): Promise<void> {
    if (this.buffer.length) {
      const batch = this.buffer;
      this.buffer = [];
      const p = this.send(batch).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
    await Promise.all([...this.inFlight]);
  }

  private async send(batch: ZipkinSpan[]): Promise<void> {
    try {
      const res = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch), signal: AbortSignal.timeout(5000) });
      if (res.status >= 300) this.log.debug({ status: res.status, spans: batch.length }, 'zipkin span batch refused');
      await res.body?.cancel();
    } catch (err) {
      this.log.debug({ err, spans: batch.length }, 'zipkin span batch not sent');
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
