/**
 * PromQL for the Prometheus source. One query per metric whatever the number of namespaces: the namespaces
 * go into regex matchers, and Kiali's three query shapes are joined with `or` (their series are disjoint:
 * they differ in reporter or source namespace).
 */
import type { ItemSelector } from './item-query';

/** Escapes a string for a double-quoted PromQL string literal. */
export function promString(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

/** Escapes regex metacharacters (namespace names are DNS labels, but stay safe). */
export function regexEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A PromQL regex alternation matching exactly the given values. */
export function alternation(values: readonly string[]): string {
  return values.map(regexEscape).join('|');
}

/**
 * `sum by (groupBy) (rate(metric{graph selection}[Ns]))` for the graph: destination telemetry into the
 * namespaces, source telemetry out of them, and source telemetry for unserved requests into their services.
 * `> 0` drops idle groups unless they are wanted.
 */
export function graphRateQuery(metric: string, namespaces: readonly string[], durationSec: number, groupBy: readonly string[], includeIdle: boolean): string {
  const ns = promString(alternation(namespaces));
  const hostRe = promString(`^[^.]+\\.(${alternation(namespaces)})\\..+$`);
  const range = `[${Math.max(1, Math.round(durationSec))}s]`;
  const legs = [
    `rate(${metric}{reporter="destination",destination_workload_namespace=~${ns}}${range})`,
    `rate(${metric}{reporter="source",source_workload_namespace=~${ns}}${range})`,
    `rate(${metric}{reporter="source",source_workload_namespace!~${ns},destination_workload="unknown",destination_workload_namespace="unknown",destination_service=~${hostRe}}${range})`,
  ];
  const q = `sum by (${groupBy.join(',')}) (${legs.join(' or ')})`;
  return includeIdle ? q : `${q} > 0`;
}

/** `sum by (groupBy) (rate(metric{item selector}[window]))` for the metrics endpoint's range queries. */
export function itemRateQuery(metric: string, sel: ItemSelector, windowSec: number, groupBy: readonly string[]): string {
  const m = Object.entries({ ...sel.matchers, reporter: sel.reporter })
    .map(([k, v]) => `${k}=${promString(v)}`)
    .join(',');
  return `sum by (${groupBy.join(',')}) (rate(${metric}{${m}}[${Math.max(1, Math.round(windowSec))}s]))`;
}
