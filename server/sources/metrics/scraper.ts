import type { Logger } from 'pino';
import type { ScrapeLimited, ScrapeLimitReason, ScrapeTarget } from '../../../lib/api/metrics';
import { SCRAPE_LIMITS, type ScrapeLimits } from '../../../lib/limits/scrape';
import { isGraphMetric } from '../../../lib/metrics/istio';
import { ScrapeCache, type CacheLimitReason } from '../../../lib/metrics/scrape-cache';
import type { StoreRef, TimeSeriesStore } from '../../stores/tsdb/store';
import { cappedGet, ScrapeLimitError } from './capped-fetch';
import type { ScrapeMetrics } from './scrape-metrics';

/** Characters of a body ingested between two turns of the event loop: a 60 MB answer must not stall health probes. */
const INGEST_SLICE_CHARS = 32 * 1024;

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
  /** Byte, line, label and series caps (default lib/limits/scrape.ts). */
  limits?: ScrapeLimits;
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
  limited: ScrapeLimited[];
}

/** Scrapes Envoy-style `/stats/prometheus` endpoints into the store on an interval, with a timeout. */
export class Scraper {
  private readonly states = new Map<string, TargetState>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastGc = 0;
  private readonly timeoutMs: number;
  private readonly limits: ScrapeLimits;

  constructor(private readonly o: ScraperOptions) {
    this.timeoutMs = o.timeoutMs ?? Math.min(o.intervalMs, 10_000);
    this.limits = o.limits ?? SCRAPE_LIMITS;
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
    for (const [url, s] of this.states) {
      if (urls.includes(url)) continue;
      this.states.delete(url);
      this.o.metrics.forgetTarget(s.instance);
    }
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
      limited: s.limited,
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
        cache: new ScrapeCache<StoreRef>((name, labels) => store.resolve(instance, name, labels), isGraphMetric, {
          maxLineLength: this.limits.maxLineLength,
          maxLabelValueLength: this.limits.maxLabelValueLength,
          maxSeries: this.limits.maxSeriesPerTarget,
        }),
        up: false,
        lastScrape: null,
        lastError: null,
        durationMs: null,
        series: null,
        limited: [],
      };
      this.states.set(url, s);
    }
    return s;
  }

  private async scrapeTarget(s: TargetState): Promise<void> {
    const t0 = performance.now();
    const scrapeTime = this.o.now();
    try {
      const body = await cappedGet(s.url, {
        timeoutMs: this.timeoutMs,
        maxCompressedBytes: this.limits.maxCompressedBytes,
        maxBodyBytes: this.limits.maxBodyBytes,
        headers: { accept: 'text/plain;version=0.0.4;q=1,*/*;q=0.1' },
      });
      const text = body.toString('utf8');
      const store = this.o.store;
      let appended = 0;
      const sink = (series: StoreRef, value: number, ts: number | undefined) => {
        if (store.append(series, ts ?? scrapeTime, value)) appended++;
      };
      const session = s.cache.begin();
      for (let from = 0; from < text.length; ) {
        let to = Math.min(text.length, from + INGEST_SLICE_CHARS);
        if (to < text.length) {
          const nl = text.indexOf('\n', to);
          to = nl === -1 ? text.length : nl + 1;
        }
        s.cache.feed(session, text.slice(from, to), sink);
        from = to;
        if (from < text.length) await new Promise<void>((r) => setImmediate(r));
      }
      const r = s.cache.finish(session);
      if (r.errorCount > 0) {
        this.o.metrics.errors.inc({ reason: 'malformed_line' }, r.errorCount);
        this.o.log.debug({ target: s.url, errors: r.errorCount, first: r.errors[0] }, 'scrape: skipped malformed lines');
      }
      if (r.refused > 0) this.o.metrics.errors.inc({ reason: 'store_full' }, r.refused);
      const limited: ScrapeLimited[] = [];
      for (const [reason, count] of Object.entries(r.limited) as [CacheLimitReason, number][]) {
        limited.push({ reason, count, message: r.limitMessages[reason] ?? reason });
      }
      if (r.refused > 0) limited.push({ reason: 'store_full', count: r.refused, message: `the time-series store is full; ${r.refused} new series refused` });
      for (const l of limited) this.o.metrics.limited.inc({ target: s.instance, reason: l.reason }, l.count);
      this.o.metrics.samples.inc(appended);
      s.up = true;
      s.lastError = null;
      s.limited = limited;
      s.series = r.samples + r.skipped;
    } catch (err) {
      s.up = false;
      s.lastError = describe(err, this.timeoutMs);
      s.limited = [];
      if (err instanceof ScrapeLimitError) {
        s.limited = [{ reason: err.reason, count: 1, message: err.message }];
        this.o.metrics.limited.inc({ target: s.instance, reason: err.reason satisfies ScrapeLimitReason });
      }
      this.o.metrics.failures.inc();
      this.o.log.debug({ target: s.url, err: s.lastError }, 'scrape failed');
    } finally {
      s.durationMs = Math.round((performance.now() - t0) * 100) / 100;
      s.lastScrape = scrapeTime;
      this.o.metrics.duration.observe(s.durationMs / 1000);
    }
  }
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
