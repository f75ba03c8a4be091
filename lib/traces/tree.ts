import type { Span } from './model';

/** A span with its children, in start order. */
export interface SpanNode {
  span: Span;
  children: SpanNode[];
  depth: number;
}

/** A trace as a forest: normally one root; orphans whose parent never arrived become extra roots. */
export interface SpanTree {
  roots: SpanNode[];
  /** Every node in depth-first display order. */
  ordered: SpanNode[];
  byId: Map<string, SpanNode>;
  startUs: number;
  endUs: number;
}

const byStart = (a: SpanNode, b: SpanNode) => a.span.startUs - b.span.startUs || a.span.spanId.localeCompare(b.span.spanId);

/**
 * Builds the parent/child tree of one trace. Duplicate span ids keep the first span; a span whose
 * parent is missing (or would form a cycle) is a root, so nothing is ever lost from the view.
 */
export function buildSpanTree(spans: readonly Span[]): SpanTree {
  const byId = new Map<string, SpanNode>();
  for (const span of spans) if (!byId.has(span.spanId)) byId.set(span.spanId, { span, children: [], depth: 0 });
  const roots: SpanNode[] = [];
  for (const node of byId.values()) {
    const pid = node.span.parentSpanId;
    const parent = pid && pid !== node.span.spanId ? byId.get(pid) : undefined;
    if (parent && !isAncestor(node, parent, byId)) parent.children.push(node);
    else roots.push(node);
  }
  roots.sort(byStart);
  const ordered: SpanNode[] = [];
  let startUs = Infinity;
  let endUs = -Infinity;
  const stack: SpanNode[] = [...roots].reverse();
  while (stack.length) {
    const n = stack.pop() as SpanNode;
    ordered.push(n);
    startUs = Math.min(startUs, n.span.startUs);
    endUs = Math.max(endUs, n.span.startUs + n.span.durationUs);
    n.children.sort(byStart);
    for (let i = n.children.length - 1; i >= 0; i--) {
      const c = n.children[i] as SpanNode;
      c.depth = n.depth + 1;
      stack.push(c);
    }
  }
  if (!ordered.length) startUs = endUs = 0;
  return { roots, ordered, byId, startUs, endUs };
}

/** Whether `node` is already above `candidate` in the parent chain (attaching would make a cycle). */
function isAncestor(node: SpanNode, candidate: SpanNode, byId: Map<string, SpanNode>): boolean {
  let cur: SpanNode | undefined = candidate;
  for (let hops = 0; cur && hops <= byId.size; hops++) {
    if (cur === node) return true;
    const pid: string | undefined = cur.span.parentSpanId;
    cur = pid ? byId.get(pid) : undefined;
  }
  return false;
}
