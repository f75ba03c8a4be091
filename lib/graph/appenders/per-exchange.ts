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
  const norms = rows.map((r) => normaliseRow(r.labels));
  const reportedAtDestination = new Set<string>();
  for (const n of norms) if (n?.reporter === 'destination') reportedAtDestination.add(n.pairKey);
  for (let i = 0; i < rows.length; i++) {
    const n = norms[i];
    if (!n || (n.reporter === 'source' && reportedAtDestination.has(n.pairKey))) continue;
    const edges = ctx.pairs.get(n.pairKey);
    if (!edges) continue;
    const row = rows[i] as R;
    for (const e of edges) add(e, row);
  }
}
