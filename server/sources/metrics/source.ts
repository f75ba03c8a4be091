import type { ScrapeTarget } from '../../../lib/api/metrics';
import type { StepRows } from '../../../lib/graph/item-query';
import type { ItemSelector } from '../../../lib/graph/item-query';
import type { GraphTelemetry, TelemetryQuery } from '../../../lib/graph/telemetry';

/** A range query for one graph node or edge. */
export interface ItemRangeQuery {
  selector: ItemSelector;
  /** Unix seconds. */
  startSec: number;
  endSec: number;
  stepSec: number;
  /** Rate window behind each point, seconds. */
  windowSec: number;
}

export interface ItemRangeRows {
  requests: StepRows[];
  buckets: StepRows[];
  tcpSent: StepRows[];
  tcpReceived: StepRows[];
}

/**
 * Where the graph's numbers come from: the embedded scraper + store, or a Prometheus HTTP API.
 * Both answer the same questions with the same row shapes; errors are HttpErrors (503/504 when the backend is
 * down or slow).
 */
export interface MetricsSource {
  readonly kind: 'embedded' | 'prometheus';
  graphTelemetry(q: TelemetryQuery): Promise<GraphTelemetry>;
  itemRange(q: ItemRangeQuery): Promise<ItemRangeRows>;
  targets(): Promise<ScrapeTarget[]>;
  /** Smallest sensible step (the scrape interval), seconds. */
  readonly resolutionSec: number;
}
