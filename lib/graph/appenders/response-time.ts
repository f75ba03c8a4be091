import type { GraphEdge } from '../model';
import { EdgeHistograms } from './edge-histograms';
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
        const inf = row.les.indexOf(Infinity);
        const v = inf === -1 ? NaN : (row.rates[inf] as number);
        if (Number.isFinite(v)) counts.set(e, (counts.get(e) ?? 0) + v);
      });
      for (const [e, sum] of sums) {
        const c = counts.get(e) ?? 0;
        if (c > 0 && e.protocol !== 'tcp') e.responseTime = sum / c;
      }
      return g;
    }
    const phi = Number(q) / 100;
    const sums = new EdgeHistograms(g.edges.size);
    forEachEdgeRow(ctx.telemetry.durationBuckets, ctx, (e, row) => {
      if (e.protocol !== 'tcp') sums.add(e, row.les, row.rates);
    });
    sums.forEachQuantile(phi, (e, v) => {
      if (Number.isFinite(v) && v >= 0) e.responseTime = v;
    });
    return g;
  },
};
