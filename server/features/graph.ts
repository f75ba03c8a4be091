import { Histogram, type Registry } from 'prom-client';
import type { Core, Feature, FeatureHandle } from '../core';
import { EmbeddedSource } from '../sources/metrics/embedded-source';
import { PrometheusClient } from '../sources/metrics/prometheus-client';
import { PrometheusSource } from '../sources/metrics/prometheus-source';
import { scrapeMetrics } from '../sources/metrics/scrape-metrics';
import { Scraper } from '../sources/metrics/scraper';
import type { MetricsSource } from '../sources/metrics/source';
import { TimeSeriesStore, type StoreOptions } from '../stores/tsdb/store';
import { graphRoutes } from './graph/routes';

export interface GraphFeatureOptions {
  store?: Partial<StoreOptions>;
  /** Replaces the metrics source (tests). */
  source?: MetricsSource;
  /** Prometheus query timeout (default 10s). */
  prometheusTimeoutMs?: number;
}

function buildHistogram(registry: Registry): Histogram<'source'> {
  const name = 'meshlens_graph_build_seconds';
  return (
    (registry.getSingleMetric(name) as Histogram<'source'> | undefined) ??
    new Histogram({ name, help: 'Time to answer a graph request (query + build).', labelNames: ['source'], buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] })
  );
}

/**
 * Starts the graph room: a Prometheus source when `prometheusUrl` is set, else the embedded scraper over
 * the configured targets (or the demo's, re-read each cycle) into the embedded store.
 */
export async function startGraph(core: Core, opts: GraphFeatureOptions = {}): Promise<FeatureHandle & { source: MetricsSource; store?: TimeSeriesStore; scraper?: Scraper }> {
  const log = core.log.child({ feature: 'graph' });
  const buildSeconds = buildHistogram(core.registry);
  if (opts.source || core.config.prometheusUrl) {
    const source = opts.source ?? new PrometheusSource(new PrometheusClient(core.config.prometheusUrl as string, opts.prometheusTimeoutMs ?? 10_000));
    log.info({ source: source.kind, url: core.config.prometheusUrl }, 'graph ready');
    return { source, routes: graphRoutes(core, source, buildSeconds), status: () => ({ source: source.kind }) };
  }
  const intervalMs = core.config.scrapeIntervalMs;
  const retentionMs = opts.store?.retentionMs ?? 3_600_000;
  const perSeries = Math.ceil(retentionMs / intervalMs) + 2;
  const store = new TimeSeriesStore({ retentionMs, maxSamplesPerSeries: perSeries, ...opts.store });
  const configured = core.config.scrapeTargets;
  const targets = () => (configured.length > 0 ? configured : (core.demo?.targets() ?? []));
  const scraper = new Scraper({ store, targets, intervalMs, log, metrics: scrapeMetrics(core.registry), now: () => core.now(), ...(core.config.limits ? { limits: core.config.limits.scrape } : {}) });
  scraper.start();
  const source = new EmbeddedSource(store, scraper, intervalMs);
  log.info({ source: 'embedded', targets: targets().length, intervalMs }, 'graph ready');
  return {
    source,
    store,
    scraper,
    routes: graphRoutes(core, source, buildSeconds),
    stop: () => scraper.stop(),
    status: () => {
      const t = scraper.targets();
      return { source: 'embedded', targets: t.length, up: t.filter((x) => x.up).length, series: store.seriesCount };
    },
  };
}

/** The graph feature for main.ts. */
export const graphFeature: Feature = {
  name: 'graph',
  start: (core) => startGraph(core),
};
