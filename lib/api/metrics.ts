/**
 * Wire contract of the metrics side of the graph room.
 *
 * `GET /api/metrics/graph-item?id=<node or edge id>&duration=10m&step=30s&queryTime=<unix s>&direction=inbound|outbound`
 * → {@link GraphItemMetrics}: time series over `[queryTime - duration, queryTime]` for one graph node or edge, as
 * the graph shows them. `id` is a node id or edge id exactly as `/api/namespaces/graph` returned it (ids are
 * readable: `wl:<cluster>:<ns>:<workload>`, `vapp:<cluster>:<ns>:<workload>`, `vappv:<cluster>:<ns>:<app>:<version>`,
 * `app:<cluster>:<ns>:<app>`, `svc:<cluster>:<ns>:<service>`, `unknown:<cluster>`; an edge is
 * `<source id>><target id>><protocol>`). `direction` applies to nodes (default inbound: the traffic the node
 * receives; outbound: what it sends). `step` defaults to duration/60, at least the scrape interval.
 * 400 for an unparseable id, duration or step.
 *
 * `GET /api/metrics/targets` → {@link ScrapeTarget}[]: the embedded scraper's targets (or, with a Prometheus
 * source, Prometheus's own active targets) and their health.
 */
import { z } from 'zod';

/** `[unix seconds, value]`; `null` where the value is undefined (a quantile with no requests). */
export const pointSchema = z.tuple([z.number(), z.number().nullable()]);
export type Point = z.infer<typeof pointSchema>;

export const GRAPH_ITEM_SERIES = ['requestRate', 'errorRate', 'p50', 'p95', 'p99', 'tcpSent', 'tcpReceived'] as const;
export type GraphItemSeriesName = (typeof GRAPH_ITEM_SERIES)[number];

export const graphItemMetricsSchema = z.object({
  id: z.string(),
  kind: z.enum(['node', 'edge']),
  direction: z.enum(['inbound', 'outbound']),
  /** Unix seconds. */
  start: z.number(),
  end: z.number(),
  /** Seconds between points. */
  step: z.number().positive(),
  /**
   * requestRate, errorRate: requests/s (errors: HTTP 4xx/5xx, gRPC non-OK, no response);
   * p50/p95/p99: milliseconds; tcpSent/tcpReceived: bytes/s. A series is absent when it has no data.
   */
  series: z.partialRecord(z.enum(GRAPH_ITEM_SERIES), z.array(pointSchema)),
});
export type GraphItemMetrics = z.infer<typeof graphItemMetricsSchema>;

export interface GraphItemMetricsRequest {
  id: string;
  duration?: string;
  step?: string;
  /** Unix seconds. */
  queryTime?: number;
  direction?: 'inbound' | 'outbound';
}

export const GRAPH_ITEM_METRICS_PATH = '/api/metrics/graph-item';

export function graphItemMetricsPath(r: GraphItemMetricsRequest): string {
  const q = new URLSearchParams({ id: r.id });
  if (r.duration) q.set('duration', r.duration);
  if (r.step) q.set('step', r.step);
  if (r.queryTime !== undefined) q.set('queryTime', String(Math.floor(r.queryTime)));
  if (r.direction) q.set('direction', r.direction);
  return `${GRAPH_ITEM_METRICS_PATH}?${q.toString()}`;
}

/** Why a scrape limit (lib/limits/scrape.ts) refused part or all of a target's answer. */
export const SCRAPE_LIMIT_REASONS = ['body_too_large', 'compressed_too_large', 'line_too_long', 'label_too_long', 'too_many_series', 'store_full'] as const;
export type ScrapeLimitReason = (typeof SCRAPE_LIMIT_REASONS)[number];

export const scrapeLimitedSchema = z.object({
  reason: z.enum(SCRAPE_LIMIT_REASONS),
  /** Lines or series refused in the last scrape (1 for a refused body). */
  count: z.number().int().nonnegative(),
  /** The first refusal, in words (which line, which label, which limit). */
  message: z.string(),
});
export type ScrapeLimited = z.infer<typeof scrapeLimitedSchema>;

export const scrapeTargetSchema = z.object({
  url: z.string(),
  up: z.boolean(),
  /** ISO 8601 time of the last completed scrape attempt, null before the first. */
  lastScrape: z.string().nullable(),
  /** Why the last scrape failed, null when it succeeded. */
  lastError: z.string().nullable(),
  /** Duration of the last scrape attempt in milliseconds. */
  durationMs: z.number().nullable(),
  /** Series in the last successful scrape (null where the source does not say, e.g. Prometheus). */
  series: z.number().nullable(),
  /**
   * What limits refused in the last scrape, by reason; empty when nothing was. A refused body also makes the target
   * down with `lastError`; refused lines or series leave it up with partial data. Absent from older servers: `[]`.
   */
  limited: z.array(scrapeLimitedSchema).default([]),
});
export type ScrapeTarget = z.infer<typeof scrapeTargetSchema>;

export const scrapeTargetsSchema = z.array(scrapeTargetSchema);

export const SCRAPE_TARGETS_PATH = '/api/metrics/targets';
