import type { ScrapeTarget } from '../../../lib/api/metrics';
import { ITEM_REQUEST_GROUP, matchesSelector, type StepRows } from '../../../lib/graph/item-query';
import {
  isSelected,
  PEER_GROUP_LABELS,
  REQUEST_GROUP_LABELS,
  TCP_GROUP_LABELS,
  type GraphTelemetry,
  type TelemetryQuery,
} from '../../../lib/graph/telemetry';
import type { Labels } from '../../../lib/metrics/labels';
import { ISTIO_DURATION, ISTIO_REQUEST_BYTES, ISTIO_REQUESTS, ISTIO_RESPONSE_BYTES, ISTIO_TCP_RECEIVED, ISTIO_TCP_SENT } from '../../../lib/metrics/istio';
import { histogramRatesRange, sumHistogramRates, sumRates, sumRatesRange } from '../../stores/tsdb/query';
import type { TimeSeriesStore } from '../../stores/tsdb/store';
import type { Scraper } from './scraper';
import type { ItemRangeQuery, ItemRangeRows, MetricsSource } from './source';

/** Answers graph and metrics questions from the embedded store the scraper fills. */
export class EmbeddedSource implements MetricsSource {
  readonly kind = 'embedded';
  readonly resolutionSec: number;

  constructor(
    private readonly store: TimeSeriesStore,
    private readonly scraper: Pick<Scraper, 'targets'> | undefined,
    intervalMs: number,
  ) {
    this.resolutionSec = Math.max(1, Math.round(intervalMs / 1000));
  }

  async graphTelemetry(q: TelemetryQuery): Promise<GraphTelemetry> {
    const ns = new Set(q.namespaces);
    const filter = (l: Labels) => isSelected(l, ns);
    // isSelected depends on the namespace set alone, so the set names it.
    const filterKey = `graph:${JSON.stringify([...ns].sort())}`;
    const endMs = q.queryTimeSec * 1000;
    const startMs = endMs - q.durationSec * 1000;
    const run = (name: string, groupBy: readonly string[], keepZero = q.includeIdle) => sumRates(this.store, { name, filter, filterKey, groupBy, startMs, endMs, keepZero });
    return {
      requests: run(ISTIO_REQUESTS, REQUEST_GROUP_LABELS),
      tcp: run(ISTIO_TCP_SENT, TCP_GROUP_LABELS),
      durationBuckets: sumHistogramRates(this.store, { name: `${ISTIO_DURATION}_bucket`, filter, filterKey, groupBy: PEER_GROUP_LABELS, startMs, endMs }),
      durationSum: q.needDurationSum ? run(`${ISTIO_DURATION}_sum`, PEER_GROUP_LABELS) : [],
      throughput: run(`${q.throughputType === 'request' ? ISTIO_REQUEST_BYTES : ISTIO_RESPONSE_BYTES}_sum`, PEER_GROUP_LABELS),
    };
  }

  async itemRange(q: ItemRangeQuery): Promise<ItemRangeRows> {
    const filter = (l: Labels) => matchesSelector(q.selector, l);
    const base = { filter, startMs: q.startSec * 1000, endMs: q.endSec * 1000, stepMs: q.stepSec * 1000, windowMs: q.windowSec * 1000 };
    const toSteps = (r: ReturnType<typeof sumRatesRange>): StepRows[] => r.map((s) => ({ t: s.t / 1000, rows: s.rows }));
    return {
      requests: toSteps(sumRatesRange(this.store, { ...base, name: ISTIO_REQUESTS, groupBy: ITEM_REQUEST_GROUP })),
      buckets: toSteps(histogramRatesRange(this.store, { ...base, name: `${ISTIO_DURATION}_bucket` })),
      tcpSent: toSteps(sumRatesRange(this.store, { ...base, name: ISTIO_TCP_SENT, groupBy: [] })),
      tcpReceived: toSteps(sumRatesRange(this.store, { ...base, name: ISTIO_TCP_RECEIVED, groupBy: [] })),
    };
  }

  async targets(): Promise<ScrapeTarget[]> {
    return this.scraper?.targets() ?? [];
  }
}
