import type { GraphTelemetry } from '../../../lib/graph/telemetry';
import type { Core } from '../../core';
import { notFound } from '../../http/errors';
import type { MetricsSource } from '../../sources/metrics/source';
import { namespaces as listNamespaces } from '../core-api';

const NS_LABELS = ['source_workload_namespace', 'destination_workload_namespace', 'destination_service_namespace'] as const;
/** How far back telemetry may name a namespace the config store does not list (the embedded store's retention). */
const LOOKBACK_SEC = 3_600;

function named(t: GraphTelemetry): Set<string> {
  const seen = new Set<string>();
  for (const rows of [t.requests, t.tcp]) for (const r of rows) for (const k of NS_LABELS) { const v = r.labels[k]; if (v) seen.add(v); }
  return seen;
}

/**
 * CONTRACT §3: an unknown namespace in a graph or list request is a 404 with a message, never an empty 200. A
 * namespace is known when the config store or the demo has it, or when telemetry names it (in the window, else in
 * the last hour: a Prometheus-backed install may see namespaces its config store does not list, and a replayed
 * quiet window is still a real namespace). Hidden namespaces are refused before the handler (server/auth/visibility).
 */
export async function assertKnownNamespaces(core: Core, source: MetricsSource, asked: readonly string[], telemetry: GraphTelemetry, queryTimeSec: number): Promise<void> {
  const known = new Set(listNamespaces(core).map((n) => n.name));
  let missing = asked.filter((ns) => !known.has(ns));
  if (missing.length > 0) {
    const inWindow = named(telemetry);
    missing = missing.filter((ns) => !inWindow.has(ns));
  }
  if (missing.length > 0) {
    const wide = await source.graphTelemetry({ namespaces: missing, durationSec: LOOKBACK_SEC, queryTimeSec: Math.max(queryTimeSec, core.now() / 1000), includeIdle: true, throughputType: 'response', needDurationSum: false });
    const seen = named(wide);
    missing = missing.filter((ns) => !seen.has(ns));
  }
  if (missing.length === 0) return;
  const list = missing.map((n) => JSON.stringify(n)).join(', ');
  throw notFound(`no namespace ${list}: not in the mesh config and no telemetry names it (known: ${[...known].sort().join(', ') || 'none'})`);
}
