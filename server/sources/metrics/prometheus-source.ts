import type { ScrapeTarget } from '../../../lib/api/metrics';
import { ITEM_REQUEST_GROUP, type StepRows } from '../../../lib/graph/item-query';
import { graphRateQuery, itemRateQuery } from '../../../lib/graph/promql';
import {
  BUCKET_GROUP_LABELS,
  PEER_GROUP_LABELS,
  REQUEST_GROUP_LABELS,
  TCP_GROUP_LABELS,
  groupBucketRows,
  type GraphTelemetry,
  type TelemetryQuery,
  type TelemetryRow,
} from '../../../lib/graph/telemetry';
import { ISTIO_DURATION, ISTIO_REQUEST_BYTES, ISTIO_REQUESTS, ISTIO_RESPONSE_BYTES, ISTIO_TCP_RECEIVED, ISTIO_TCP_SENT } from '../../../lib/metrics/istio';
import type { PrometheusClient, PromRangeSeries } from './prometheus-client';
import type { ItemRangeQuery, ItemRangeRows, MetricsSource } from './source';

/**
 * Answers the graph's questions with PromQL (Kiali's query shapes): a constant number of instant queries per
 * graph request — one per metric — whatever the number of namespaces.
 */
export class PrometheusSource implements MetricsSource {
  readonly kind = 'prometheus';
  /** Queries issued, for tests and self-metrics. */
  queries = 0;

  constructor(
    private readonly client: PrometheusClient,
    readonly resolutionSec = 15,
  ) {}

  async graphTelemetry(q: TelemetryQuery): Promise<GraphTelemetry> {
    const run = async (metric: string, groupBy: readonly string[], includeIdle = q.includeIdle): Promise<TelemetryRow[]> => {
      this.queries++;
      const r = await this.client.query(graphRateQuery(metric, q.namespaces, q.durationSec, groupBy, includeIdle), q.queryTimeSec);
      return r.filter((s) => !Number.isNaN(s.value)).map((s) => ({ labels: s.metric, value: s.value }));
    };
    const [requests, tcp, durationBuckets, durationSum, throughput] = await Promise.all([
      run(ISTIO_REQUESTS, REQUEST_GROUP_LABELS),
      run(ISTIO_TCP_SENT, TCP_GROUP_LABELS),
      run(`${ISTIO_DURATION}_bucket`, BUCKET_GROUP_LABELS, true),
      q.needDurationSum ? run(`${ISTIO_DURATION}_sum`, PEER_GROUP_LABELS) : Promise.resolve([]),
      run(`${q.throughputType === 'request' ? ISTIO_REQUEST_BYTES : ISTIO_RESPONSE_BYTES}_sum`, PEER_GROUP_LABELS),
    ]);
    return { requests, tcp, durationBuckets: groupBucketRows(durationBuckets), durationSum, throughput };
  }

  async itemRange(q: ItemRangeQuery): Promise<ItemRangeRows> {
    const run = async (metric: string, groupBy: readonly string[]): Promise<StepRows[]> => {
      this.queries++;
      const series = await this.client.queryRange(itemRateQuery(metric, q.selector, q.windowSec, groupBy), q.startSec, q.endSec, q.stepSec);
      return toSteps(series, q.startSec, q.endSec, q.stepSec);
    };
    const [requests, buckets, tcpSent, tcpReceived] = await Promise.all([
      run(ISTIO_REQUESTS, ITEM_REQUEST_GROUP),
      run(`${ISTIO_DURATION}_bucket`, ['le']),
      run(ISTIO_TCP_SENT, []),
      run(ISTIO_TCP_RECEIVED, []),
    ]);
    return { requests, buckets, tcpSent, tcpReceived };
  }

  async targets(): Promise<ScrapeTarget[]> {
    const targets = await this.client.activeTargets();
    return targets.map((t) => ({
      url: t.scrapeUrl,
      up: t.health === 'up',
      lastScrape: t.lastScrape && !t.lastScrape.startsWith('0001') ? t.lastScrape : null,
      lastError: t.lastError ? t.lastError : null,
      durationMs: typeof t.lastScrapeDuration === 'number' ? Math.round(t.lastScrapeDuration * 1e5) / 100 : null,
      series: null,
      // Prometheus applies its own limits (sample_limit, label_value_length_limit) and reports them in lastError.
      limited: [],
    }));
  }
}

/** A matrix as one row list per step (Prometheus omits points with no data). */
function toSteps(series: PromRangeSeries[], startSec: number, endSec: number, stepSec: number): StepRows[] {
  const steps: StepRows[] = [];
  const index = new Map<number, StepRows>();
  for (let t = startSec; t <= endSec; t += stepSec) {
    const s = { t, rows: [] };
    steps.push(s);
    index.set(Math.round(t * 1000), s);
  }
  for (const s of series) {
    for (const [t, v] of s.values) {
      if (Number.isNaN(v)) continue;
      index.get(Math.round(t * 1000))?.rows.push({ labels: s.metric, value: v });
    }
  }
  return steps;
}
