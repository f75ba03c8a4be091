import type { GraphResponse } from '@/lib/api/graph';

interface BoxedNode {
  id: string;
  nodeType: string;
  parent?: string;
}

/**
 * The hide set as drawn: the hidden nodes and edges, plus every box left with nothing visible inside (Kiali
 * drops such boxes too; an empty frame would claim a group that is not there). Boxes nest, so emptiness
 * is settled innermost first; the loop is bounded by the nesting depth (app in namespace in cluster).
 */
export function withEmptyBoxes(nodes: readonly BoxedNode[], hidden: ReadonlySet<string>): ReadonlySet<string> {
  const boxes = nodes.filter((n) => n.nodeType === 'box');
  if (boxes.length === 0 || hidden.size === 0) return hidden;
  const out = new Set(hidden);
  const hasMembers = new Set<string>();
  for (const n of nodes) if (n.parent !== undefined) hasMembers.add(n.parent);
  for (let pass = 0; pass <= boxes.length; pass++) {
    const visibleInside = new Set<string>();
    for (const n of nodes) if (n.parent !== undefined && !out.has(n.id)) visibleInside.add(n.parent);
    let changed = false;
    for (const b of boxes) {
      if (hasMembers.has(b.id) && !out.has(b.id) && !visibleInside.has(b.id)) {
        out.add(b.id);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return out;
}

/**
 * The answer as the canvas draws it: the API's graph without what the user's hide expression (and
 * `withEmptyBoxes`) removed. The JSON export is this, so a download matches the picture.
 */
export function drawnAnswer(graph: GraphResponse, hidden: ReadonlySet<string>): GraphResponse {
  if (hidden.size === 0) return graph;
  return {
    ...graph,
    elements: {
      nodes: graph.elements.nodes.filter((n) => !hidden.has(n.data.id)),
      edges: graph.elements.edges.filter((e) => !hidden.has(e.data.id)),
    },
  };
}
