import type { GraphEdge } from '../model';
import { forEachEdgeRow } from './per-exchange';
import type { Appender } from './types';

/** `throughput` on HTTP/gRPC edges: bytes/s of response (or request) bodies over the window. */
export const throughputAppender: Appender = {
  name: 'throughput',
  append(g, ctx) {
    const sums = new Map<GraphEdge, number>();
    forEachEdgeRow(ctx.telemetry.throughput, ctx, (e, row) => {
      if (Number.isFinite(row.value)) sums.set(e, (sums.get(e) ?? 0) + row.value);
    });
    for (const [e, v] of sums) if (e.protocol !== 'tcp' && v > 0) e.throughput = v;
    return g;
  },
};
