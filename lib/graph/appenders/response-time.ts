import { histogramQuantile } from '../../metrics/histogram';
import type { GraphEdge } from '../model';
import { forEachEdgeRow } from './per-exchange';
import type { Appender } from './types';

/**
 * `responseTime` on HTTP/gRPC edges: the requested quantile (p95 by default) of
 * istio_request_duration_milliseconds over the window, from the buckets of every exchange behind the edge
 * (quantiles cannot be averaged, so buckets are summed first), or the mean for `avg`.
 */
export const responseTimeAppender: Appender = {
  name: 'responseTime',
  append(g, ctx) {
    const q = ctx.options.responseTime;
    if (q === 'avg') {
      const sums = new Map<GraphEdge, number>();
      const counts = new Map<GraphEdge, number>();
      forEachEdgeRow(ctx.telemetry.durationSum, ctx, (e, row) => {
        if (Number.isFinite(row.value)) sums.set(e, (sums.get(e) ?? 0) + row.value);
      });
      forEachEdgeRow(ctx.telemetry.durationBuckets, ctx, (e, row) => {
        for (const b of row.buckets) if (b.le === Infinity) counts.set(e, (counts.get(e) ?? 0) + b.count);
      });
      for (const [e, sum] of sums) {
        const c = counts.get(e) ?? 0;
        if (c > 0 && e.protocol !== 'tcp') e.responseTime = sum / c;
      }
      return g;
    }
    const phi = Number(q) / 100;
    const buckets = new Map<GraphEdge, Map<number, number>>();
    forEachEdgeRow(ctx.telemetry.durationBuckets, ctx, (e, row) => {
      let m = buckets.get(e);
      if (!m) {
        m = new Map();
        buckets.set(e, m);
      }
      for (const b of row.buckets) if (!Number.isNaN(b.le) && Number.isFinite(b.count)) m.set(b.le, (m.get(b.le) ?? 0) + b.count);
    });
    for (const [e, m] of buckets) {
      if (e.protocol === 'tcp') continue;
      const v = histogramQuantile(phi, [...m].map(([le, count]) => ({ le, count })));
      if (Number.isFinite(v) && v >= 0) e.responseTime = v;
    }
    return g;
  },
};
