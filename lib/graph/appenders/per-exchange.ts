/**
 * Attributes per-exchange telemetry (histogram buckets, byte sums) to the edges each exchange contributed to,
 * preferring destination telemetry where a destination proxy reported the exchange (as the traffic build does).
 */
import { normaliseRow } from '../build-traffic';
import type { GraphEdge } from '../model';
import type { Labels } from '../../metrics/labels';
import type { AppenderContext } from './types';

/** Calls `add` for each (edge, row) after reporter deduplication; unattributable rows are skipped. */
export function forEachEdgeRow<R extends { labels: Labels }>(rows: readonly R[], ctx: AppenderContext, add: (e: GraphEdge, row: R) => void): void {
  const byPair = new Map<string, { dest: R[]; src: R[] }>();
  for (const row of rows) {
    const n = normaliseRow(row.labels);
    if (!n) continue;
    let g = byPair.get(n.pairKey);
    if (!g) {
      g = { dest: [], src: [] };
      byPair.set(n.pairKey, g);
    }
    (n.reporter === 'destination' ? g.dest : g.src).push(row);
  }
  for (const [pairKey, g] of byPair) {
    const edges = ctx.pairs.get(pairKey);
    if (!edges) continue;
    const chosen = g.dest.length > 0 ? g.dest : g.src;
    for (const e of edges) for (const row of chosen) add(e, row);
  }
}
