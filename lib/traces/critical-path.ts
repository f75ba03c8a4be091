import type { SpanNode, SpanTree } from './tree';

/** A stretch of time during which `spanId` itself (not a child) was what the trace waited on. */
export interface CriticalSegment {
  spanId: string;
  startUs: number;
  endUs: number;
}

/**
 * The critical path of a trace, as Jaeger computes it: walking back from the end of each span,
 * the child that finished last before the cursor is on the path, and the gaps between such
 * children are the parent's own time. Children are clipped to their parent's time range
 * (clock skew must not stretch the path). Segments come back in start order.
 */
export function criticalPath(tree: SpanTree): CriticalSegment[] {
  const segments: CriticalSegment[] = [];
  // The longest-running root is what the trace's duration is made of.
  let root: SpanNode | undefined;
  for (const r of tree.roots) if (!root || end(r) > end(root)) root = r;
  if (root) walk(root, root.span.startUs, end(root), segments);
  return segments.sort((a, b) => a.startUs - b.startUs);
}

const end = (n: SpanNode) => n.span.startUs + n.span.durationUs;

function walk(node: SpanNode, lo: number, hi: number, out: CriticalSegment[]): void {
  const start = Math.max(node.span.startUs, lo);
  let cursor = Math.min(end(node), hi);
  if (cursor <= start) return;
  const children = node.children
    .map((c) => ({ c, s: Math.max(c.span.startUs, start), e: Math.min(end(c), cursor) }))
    .filter((x) => x.e > x.s)
    .sort((a, b) => b.e - a.e);
  for (const { c, s, e } of children) {
    if (e > cursor) continue; // overlaps a later child already on the path: concurrent, not waited on
    if (e < cursor) out.push({ spanId: node.span.spanId, startUs: e, endUs: cursor });
    walk(c, s, e, out);
    cursor = s;
    if (cursor <= start) break;
  }
  if (cursor > start) out.push({ spanId: node.span.spanId, startUs: start, endUs: cursor });
}

/** The ids of spans with any time on the critical path. */
export function criticalSpanIds(segments: readonly CriticalSegment[]): Set<string> {
  return new Set(segments.map((s) => s.spanId));
}
