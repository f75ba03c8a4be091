import type { EdgeData, NodeData } from '../../api/graph';
import type { FindMatcher } from './compile';

export interface FindGraph {
  nodes: NodeData[];
  edges: EdgeData[];
}

/** Ids of the nodes and edges an expression finds (to highlight). */
export function findIds(graph: FindGraph, m: FindMatcher): Set<string> {
  const out = new Set<string>();
  for (const n of graph.nodes) if (m.test({ kind: 'node', data: n })) out.add(n.id);
  for (const e of graph.edges) if (m.test({ kind: 'edge', data: e })) out.add(e.id);
  return out;
}

/**
 * Ids to hide, with Kiali's semantics: what the expression matches, plus the edges of hidden nodes, plus nodes
 * left with only hidden edges (they would float alone). Idle nodes had no edges to begin with, so they stay
 * unless matched. Box (compound) nodes are never hidden themselves.
 */
export function hideIds(graph: FindGraph, m: FindMatcher): Set<string> {
  const hidden = new Set<string>();
  for (const n of graph.nodes) if (n.nodeType !== 'box' && m.test({ kind: 'node', data: n })) hidden.add(n.id);
  for (const e of graph.edges) if (m.test({ kind: 'edge', data: e })) hidden.add(e.id);
  for (const e of graph.edges) if (hidden.has(e.source) || hidden.has(e.target)) hidden.add(e.id);
  const withVisibleEdge = new Set<string>();
  const withAnyEdge = new Set<string>();
  for (const e of graph.edges) {
    withAnyEdge.add(e.source).add(e.target);
    if (!hidden.has(e.id)) withVisibleEdge.add(e.source).add(e.target);
  }
  for (const n of graph.nodes) {
    if (n.nodeType === 'box' || hidden.has(n.id)) continue;
    if (withAnyEdge.has(n.id) && !withVisibleEdge.has(n.id)) hidden.add(n.id);
  }
  return hidden;
}
