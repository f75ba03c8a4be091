import type { Logger } from 'pino';
import type { ScrapeTarget } from '../../../lib/api/metrics';
import { isGraphMetric } from '../../../lib/metrics/istio';
import { ScrapeCache } from '../../../lib/metrics/scrape-cache';
import type { StoreRef, TimeSeriesStore } from '../../stores/tsdb/store';
import type { ScrapeMetrics } from './scrape-metrics';

export interface ScraperOptions {
  store: TimeSeriesStore;
  /** Re-read every cycle (the demo's targets can change). */
  targets: () => string[];
  intervalMs: number;
  /** Per-scrape timeout (default: the interval, at most 10s). */
  timeoutMs?: number;
  log: Logger;
  metrics: ScrapeMetrics;
  now: () => number;
  /** Largest body accepted, bytes (default 64 MiB). */
  maxBodyBytes?: number;
}

interface TargetState {
  url: string;
  instance: string;
  cache: ScrapeCache<StoreRef>;
  up: boolean;
  lastScrape: number | null;
  lastError: string | null;
  durationMs: number | null;
  series: number | null;
}

/** Scrapes Envoy-style `/stats/prometheus` endpoints into the store on an interval, with a timeout. */
export class Scraper {
  private readonly states = new Map<string, TargetState>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastGc = 0;
  private readonly timeoutMs: number;

  constructor(private readonly o: ScraperOptions) {
    this.timeoutMs = o.timeoutMs ?? Math.min(o.intervalMs, 10_000);
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      const started = Date.now();
      this.running = this.scrapeOnce().finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        // Keep the cadence: the next cycle starts one interval after this one started.
        this.timer = setTimeout(tick, Math.max(0, this.o.intervalMs - (Date.now() - started)));
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One cycle over every current target, in parallel. */
  async scrapeOnce(): Promise<void> {
    const urls = [...new Set(this.o.targets())];
    for (const url of this.states.keys()) if (!urls.includes(url)) this.states.delete(url);
    await Promise.all(urls.map((u) => this.scrapeTarget(this.state(u))));
    const now = this.o.now();
    if (now - this.lastGc >= 60_000) {
      this.lastGc = now;
      this.o.store.gc(now);
    }
    this.o.metrics.series.set(this.o.store.seriesCount);
    this.o.metrics.targetsUp.set([...this.states.values()].filter((s) => s.up).length);
  }

  targets(): ScrapeTarget[] {
    return [...this.states.values()].map((s) => ({
      url: s.url,
      up: s.up,
      lastScrape: s.lastScrape === null ? null : new Date(s.lastScrape).toISOString(),
      lastError: s.lastError,
      durationMs: s.durationMs,
      series: s.series,
    }));
  }

  private state(url: string): TargetState {
    let s = this.states.get(url);
    if (!s) {
      let instance = url;
      try {
        instance = new URL(url).host;
      } catch {
        // keep the raw text; the fetch will report the bad URL
      }
      const store = this.o.store;
      s = {
        url,
        instance,
        cache: new ScrapeCache<StoreRef>((name, labels) => store.resolve(instance, name, labels), isGraphMetric),
        up: false,
        lastScrape: null,
        lastError: null,
        durationMs: null,
        series: null,
      };
      this.states.set(url, s);
    }
    return s;
  }

  private async scrapeTarget(s: TargetState): Promise<void> {
    const t0 = performance.now();
    const scrapeTime = this.o.now();
    try {
      const res = await fetch(s.url, {
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { accept: 'text/plain;version=0.0.4;q=1,*/*;q=0.1' },
      });
      if (res.status !== 200) {
        await res.body?.cancel();
        throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
      }
      const text = await readLimited(res, this.o.maxBodyBytes ?? 64 * 1024 * 1024);
      const store = this.o.store;
      let appended = 0;
      const r = s.cache.ingest(text, (series, value, ts) => {
        if (store.append(series, ts ?? scrapeTime, value)) appended++;
      });
      if (r.errors.length > 0) {
        this.o.metrics.errors.inc({ reason: 'malformed_line' }, r.errors.length);
        this.o.log.debug({ target: s.url, errors: r.errors.length, first: r.errors[0] }, 'scrape: skipped malformed lines');
      }
      if (r.refused > 0) this.o.metrics.errors.inc({ reason: 'store_full' }, r.refused);
      this.o.metrics.samples.inc(appended);
      s.up = true;
      s.lastError = null;
      s.series = r.samples + r.skipped;
    } catch (err) {
      s.up = false;
      s.lastError = describe(err, this.timeoutMs);
      this.o.metrics.failures.inc();
      this.o.log.debug({ target: s.url, err: s.lastError }, 'scrape failed');
    } finally {
      s.durationMs = Math.round((performance.now() - t0) * 100) / 100;
      s.lastScrape = scrapeTime;
      this.o.metrics.duration.observe(s.durationMs / 1000);
    }
  }
}

async function readLimited(res: Response, limit: number): Promise<string> {
  const len = Number(res.headers.get('content-length') ?? NaN);
  if (len > limit) {
    await res.body?.cancel();
    throw new Error(`body of ${len} bytes exceeds the ${limit}-byte limit`);
  }
  const text = await res.text();
  if (text.length > limit) throw new Error(`body exceeds the ${limit}-byte limit`);
  return text;
}

function describe(err: unknown, timeoutMs: number): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return `timed out after ${timeoutMs}ms`;
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code ?? cause?.message) return `${err.message}: ${cause.code ?? cause.message}`;
    return err.message;
  }
  return String(err);
}
