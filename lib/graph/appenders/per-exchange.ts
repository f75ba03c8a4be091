/**
 * Attributes per-exchange telemetry (histogram buckets, byte sums) to the edges each exchange contributed to,
 * preferring destination telemetry where a destination proxy reported the exchange (as the traffic build does).
 */
import { newPass, normaliseRow, type NormalisedRow } from '../build-traffic';
import type { GraphEdge } from '../model';
import type { Labels } from '../../metrics/labels';
import type { AppenderContext } from './types';
import { countsRow } from '../../traffic/reporter';

/** Calls `add` for each (edge, row) after reporter deduplication; unattributable rows are skipped. */
export function forEachEdgeRow<R extends { labels: Labels }>(rows: readonly R[], ctx: AppenderContext, add: (e: GraphEdge, row: R) => void): void {
  const norms: (NormalisedRow | undefined)[] = new Array(rows.length);
  // Which exchanges a destination proxy reported in these rows: stamped on the exchange for this pass.
  const pass = newPass();
  for (let i = 0; i < rows.length; i++) {
    const n = normaliseRow((rows[i] as R).labels);
    norms[i] = n;
    if (n?.reporter === 'destination') n.exchange.destinationPass = pass;
  }
  for (let i = 0; i < rows.length; i++) {
    const n = norms[i];
    if (!n || !countsRow(n.reporter, n.exchange.destinationPass === pass)) continue;
    const edges = ctx.pairs.edgesOf(n.exchange);
    if (!edges) continue;
    const row = rows[i] as R;
    for (const e of edges) add(e, row);
  }
}
