import type { Span } from './model';
import { buildSpanTree } from './tree';

/** What a trace list row shows. */
export interface TraceSummary {
  traceId: string;
  /** The root span's service and operation (the earliest root when the trace has orphans). */
  rootService: string;
  rootOperation: string;
  startUs: number;
  durationUs: number;
  spanCount: number;
  errorCount: number;
  /** Services with their span counts, most spans first. */
  services: { name: string; count: number; errors: number }[];
}

/** Summarises one trace for lists and the scatter plot. */
export function summarizeTrace(traceId: string, spans: readonly Span[]): TraceSummary {
  const tree = buildSpanTree(spans);
  const root = tree.roots[0]?.span;
  const counts = new Map<string, { count: number; errors: number }>();
  let errorCount = 0;
  for (const s of spans) {
    const c = counts.get(s.service) ?? { count: 0, errors: 0 };
    c.count++;
    if (s.error) {
      c.errors++;
      errorCount++;
    }
    counts.set(s.service, c);
  }
  return {
    traceId,
    rootService: root?.service ?? 'unknown',
    rootOperation: root?.name ?? '',
    startUs: tree.startUs,
    durationUs: tree.endUs - tree.startUs,
    spanCount: spans.length,
    errorCount,
    services: [...counts].map(([name, c]) => ({ name, ...c })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
  };
}

/** Where a span sits in the mesh: Istio's tags first, else `<app>.<namespace>` from the service name. */
export function meshLocation(span: Span): { app: string; namespace?: string } {
  const app = span.tags['istio.canonical_service'];
  const ns = span.tags['istio.namespace'];
  if (typeof app === 'string' && app) return typeof ns === 'string' && ns ? { app, namespace: ns } : { app };
  const dot = span.service.lastIndexOf('.');
  if (dot > 0) return { app: span.service.slice(0, dot), namespace: span.service.slice(dot + 1) };
  return { app: span.service };
}

/** The graph page focused on the span's workload (`/graph?namespaces=<ns>&graphType=versionedApp&focus=<app>`). */
export function graphLink(span: Span): string | undefined {
  const loc = meshLocation(span);
  if (!loc.namespace) return undefined;
  const q = new URLSearchParams({ namespaces: loc.namespace, graphType: 'versionedApp', focus: loc.app });
  return `/graph?${q.toString()}`;
}
