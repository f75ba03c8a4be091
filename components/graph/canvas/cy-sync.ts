import type { Core, ElementDefinition, Position } from 'cytoscape';
import { diffElements } from './element-diff';
import type { CyData, CyEdgeData, CyElements, CyNodeData } from './to-cy-elements';

export interface SyncResult {
  added: number;
  removed: number;
  updated: number;
  /** Nodes that changed box (compound parent). */
  moved: number;
  /** Ids added, for callers deciding whether saved positions cover them. */
  addedIds: string[];
}

const isEdge = (d: CyData): d is CyEdgeData => 'source' in d;
const parentOf = (d: CyData | undefined): string | null => (d && !isEdge(d) ? (d.parent ?? null) : null);

/** The elements the canvas is meant to hold for an answer: its nodes, and the edges whose two ends are nodes. */
export function intendedElements(next: CyElements): CyData[] {
  const nodeIds = new Set(next.nodes.map((n) => n.id));
  return [...next.nodes, ...next.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target))];
}

/**
 * Makes `cy` hold exactly `next`, changing only what differs, and keeps `current` (what the caller believes
 * `cy` holds) in step.
 *
 * The order is what makes it exact. Cytoscape removes a compound node *with its descendants and their
 * edges*, so a box that goes away (grouping turned off or changed) must be emptied before it is removed:
 * every node that stays is first moved to where the new answer puts it. Moves go through the root, so a node
 * is never put under one of its own descendants while boxes are re-nested.
 */
export function applyElements(cy: Core, current: Map<string, CyData>, next: CyElements, positions?: ReadonlyMap<string, Position>): SyncResult {
  const wanted = intendedElements(next);
  const diff = diffElements(current, wanted);
  // An edge id names its ends, but if an answer ever reused one for other ends, the edge must be re-made
  // (source and target are immutable in Cytoscape), as must an element that changed between node and edge.
  const remake = diff.update.filter((d) => {
    const old = current.get(d.id);
    if (!old || isEdge(old) !== isEdge(d)) return true;
    return isEdge(d) && isEdge(old) && (old.source !== d.source || old.target !== d.target);
  });
  const remakeIds = new Set(remake.map((d) => d.id));
  const updates = diff.update.filter((d) => !remakeIds.has(d.id));
  const adds = [...diff.add, ...remake];
  const moves = updates.filter((d): d is CyNodeData => !isEdge(d) && parentOf(current.get(d.id)) !== parentOf(d));

  cy.batch(() => {
    // 1. Edges that go, and what is re-made (so no node removal below takes an edge that should stay).
    for (const id of diff.remove) {
      const el = cy.getElementById(id);
      if (el.nonempty() && el.isEdge()) el.remove();
    }
    for (const id of remakeIds) cy.getElementById(id).remove();
    // 2. New nodes, parents first (toCyElements orders them): a new node's box is old and staying, or new and
    //    already added.
    const newNodes = adds.filter((d) => !isEdge(d));
    if (newNodes.length > 0) cy.add(newNodes.map((d): ElementDefinition => ({ group: 'nodes', data: { ...d }, position: positions?.get(d.id) })));
    // 3. Nodes that change box: out to the root, then into their new box, outer boxes first.
    for (const d of moves) cy.getElementById(d.id).move({ parent: null });
    const order = new Map(next.nodes.map((n, i) => [n.id, i]));
    for (const d of [...moves].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))) {
      if (d.parent !== undefined) cy.getElementById(d.id).move({ parent: d.parent });
    }
    // 4. Nodes that go: nothing that stays is inside them any more.
    for (const id of diff.remove) {
      const el = cy.getElementById(id);
      if (el.nonempty()) el.remove();
    }
    // 5. Data of what stays, then new edges (both ends exist now).
    for (const d of updates) cy.getElementById(d.id).data(stripImmutable(d));
    const newEdges = adds.filter(isEdge);
    if (newEdges.length > 0) cy.add(newEdges.map((d): ElementDefinition => ({ group: 'edges', data: { ...d } })));
  });

  for (const id of diff.remove) current.delete(id);
  for (const d of [...adds, ...updates]) current.set(d.id, d);
  return { added: adds.length, removed: diff.remove.length, updated: updates.length, moved: moves.length, addedIds: adds.map((d) => d.id) };
}

/** Cytoscape ignores id/source/target/parent in `data()`; leaving them out says so. */
function stripImmutable(d: CyData): Record<string, unknown> {
  const { id: _id, ...rest } = d as CyData & { parent?: string; source?: string; target?: string };
  delete rest.parent;
  delete rest.source;
  delete rest.target;
  return rest;
}

export interface DrawnMismatch {
  /** Meant to be drawn, absent from Cytoscape. */
  missing: string[];
  /** In Cytoscape, not in the answer. */
  extra: string[];
  /** Nodes in another box than the answer says. */
  misplaced: string[];
}

/**
 * The self-check: does `cy` hold exactly `expected` (ids, and each node's box)? Cheap (one pass over both), so
 * the controller runs it after every sync and tests read it through the test hook.
 */
export function checkDrawn(cy: Core, expected: ReadonlyMap<string, CyData>): DrawnMismatch {
  const missing: string[] = [];
  const misplaced: string[] = [];
  const extra: string[] = [];
  for (const [id, d] of expected) {
    const el = cy.getElementById(id);
    if (el.empty()) missing.push(id);
    else if (el.isNode() && (el.parent().first().id() ?? null) !== parentOf(d)) misplaced.push(id);
  }
  cy.elements().forEach((el) => {
    if (!expected.has(el.id())) extra.push(el.id());
  });
  return { missing, extra, misplaced };
}

export function isConsistent(m: DrawnMismatch): boolean {
  return m.missing.length === 0 && m.extra.length === 0 && m.misplaced.length === 0;
}
