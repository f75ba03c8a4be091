/**
 * The one reporter rule: which proxy's telemetry counts for a request. Both proxies report a sidecar-to-sidecar
 * request; counting both would double it. Destination telemetry wins (it saw the request arrive and knows the mTLS
 * it accepted). Source telemetry counts only where no destination proxy reported the same exchange and outcome:
 * destinations without a proxy (external hosts, out-of-mesh workloads), and requests that failed at the source
 * proxy — fault-injected aborts (`FI`), overflow (`UO`), no healthy upstream (`UH`), connect failures (`UF`) —
 * which Envoy reports with `destination_workload="unknown"` and the destination service known.
 *
 * The graph (lib/graph/build-traffic, appenders/per-exchange) and every derivation in lib/traffic apply it
 * through these functions, so the same rows count everywhere.
 */

/** A normalised row as the rule needs it (lib/graph's NormalisedRow). */
export interface ReportedRow {
  reporter: 'source' | 'destination';
  /** The exchange (both ends + protocol) plus its outcome (code, flags, host): same requests across reporters. */
  dedupKey: string;
  /** The exchange alone, for series without an outcome (histogram buckets, byte sums). */
  pairKey: string;
}

/** Keys (dedupKey for outcome-carrying rows, else pairKey) that a destination proxy reported. */
export function destinationReported(rows: readonly (ReportedRow | undefined)[], byOutcome: boolean): Set<string> {
  const seen = new Set<string>();
  for (const n of rows) if (n?.reporter === 'destination') seen.add(byOutcome ? n.dedupKey : n.pairKey);
  return seen;
}

/** Whether a row counts, given whether a destination proxy reported the same exchange (and outcome). */
export function countsRow(reporter: 'source' | 'destination', reportedAtDestination: boolean): boolean {
  return reporter === 'destination' || !reportedAtDestination;
}
