import type { DependencyLink } from '../api/traces';
import type { Span } from './model';
import { splitSharedSpanIds } from './shared-spans';

/** What linking needs of a span; the store reads only these columns. */
export type DependencySpan = Pick<Span, 'traceId' | 'spanId' | 'parentSpanId' | 'kind' | 'service'>;

/**
 * Jaeger's service dependencies: for every span whose parent is in the same trace and reported by another
 * service, one call `parent.service -> child.service`. Traces are taken one at a time (the store streams them),
 * so only the current trace is held. Shared client/server span ids (Envoy's Zipkin default) are split first,
 * as the trace view does: otherwise the server side's parent id would name the client span *and* itself, and
 * its children would link to the wrong service. Duplicate spans (client retries) count once.
 * Returns the links sorted by parent, then child.
 */
export function dependencyLinks(traces: Iterable<readonly DependencySpan[]>): DependencyLink[] {
  const counts = new Map<string, Map<string, number>>();
  for (const trace of traces) {
    const spans = linkable(trace);
    const byId = new Map<string, DependencySpan>();
    for (const s of spans) if (!byId.has(s.spanId)) byId.set(s.spanId, s);
    for (const s of spans) {
      const parent = s.parentSpanId === undefined ? undefined : byId.get(s.parentSpanId);
      if (!parent || parent.service === s.service) continue;
      let children = counts.get(parent.service);
      if (!children) counts.set(parent.service, (children = new Map()));
      children.set(s.service, (children.get(s.service) ?? 0) + 1);
    }
  }
  const links: DependencyLink[] = [];
  for (const [parent, children] of counts) for (const [child, callCount] of children) links.push({ parent, child, callCount });
  return links.sort(byParentThenChild);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order of dependency answers: by parent, then child. */
export const byParentThenChild = (a: DependencyLink, b: DependencyLink): number => cmp(a.parent, b.parent) || cmp(a.child, b.child);

/** One trace without duplicate spans, its shared span ids split. */
function linkable(trace: readonly DependencySpan[]): readonly DependencySpan[] {
  const seen = new Set<string>();
  const unique = trace.filter((s) => {
    const key = `${s.spanId}\u0000${s.kind}\u0000${s.service}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return splitSharedSpanIds(unique);
}
