import { SCRAPE_LIMIT_REASONS } from '../../../lib/api/metrics';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * Meshlens's own metrics about the embedded scraper. Low cardinality: only the limit refusals carry a target
 * (its host:port, one per configured target, dropped when the target goes) and a reason from a fixed list.
 */
export interface ScrapeMetrics {
  limited: Counter<'target' | 'reason'>;
  /** Drops a removed target's labelled series. */
  forgetTarget(target: string): void;
  errors: Counter<'reason'>;
  failures: Counter;
  duration: Histogram;
  samples: Counter;
  series: Gauge;
  targetsUp: Gauge;
}

function once<T>(registry: Registry, name: string, make: () => T): T {
  // A feature restarted against the same registry (tests) reuses its metrics instead of failing.
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

export function scrapeMetrics(registry: Registry): ScrapeMetrics {
  const registers = [registry];
  const limited = once(registry, 'meshlens_scrape_limit_refusals_total', () => new Counter({ name: 'meshlens_scrape_limit_refusals_total', help: 'Scrape answers, lines or series refused by a scrape limit (lib/limits/scrape.ts), by target and reason.', labelNames: ['target', 'reason'], registers }));
  return {
    limited,
    forgetTarget: (target) => {
      for (const reason of SCRAPE_LIMIT_REASONS) limited.remove({ target, reason });
    },
    errors: once(registry, 'meshlens_scrape_errors_total', () => new Counter({ name: 'meshlens_scrape_errors_total', help: 'Exposition lines skipped by the embedded scraper (malformed, or refused by a full store).', labelNames: ['reason'], registers })),
    failures: once(registry, 'meshlens_scrape_failures_total', () => new Counter({ name: 'meshlens_scrape_failures_total', help: 'Scrapes that failed (connection, timeout, HTTP status).', registers })),
    duration: once(registry, 'meshlens_scrape_duration_seconds', () => new Histogram({ name: 'meshlens_scrape_duration_seconds', help: 'Duration of one target scrape, fetch and ingest.', buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10], registers })),
    samples: once(registry, 'meshlens_scrape_samples_appended_total', () => new Counter({ name: 'meshlens_scrape_samples_appended_total', help: 'Samples appended to the embedded time-series store.', registers })),
    series: once(registry, 'meshlens_tsdb_series', () => new Gauge({ name: 'meshlens_tsdb_series', help: 'Series held by the embedded time-series store.', registers })),
    targetsUp: once(registry, 'meshlens_scrape_targets_up', () => new Gauge({ name: 'meshlens_scrape_targets_up', help: 'Scrape targets whose last scrape succeeded.', registers })),
  };
}
