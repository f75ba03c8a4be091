import type { Core, EdgeSingular } from 'cytoscape';
import type { DrawnMismatch } from './cy-sync';

/**
 * A small read-only window hook for browser tests (and curious users in devtools): what the canvas holds and
 * where an element is on screen, since a canvas has no DOM to query. It never changes the graph.
 */
export interface GraphTestHook {
  renderer: 'canvas' | 'webgl';
  nodeIds(): string[];
  edgeIds(): string[];
  visibleIds(): string[];
  /** Drawn (not hidden) nodes and edges, separately. */
  visibleNodeIds(): string[];
  visibleEdgeIds(): string[];
  /** Each node's box (compound parent) as drawn: id → parent id, or null at the top level. */
  parents(): Record<string, string | null>;
  /** Client (viewport) coordinates of a node's centre or an edge's midpoint, or null when not drawn. */
  clientPoint(id: string): { x: number; y: number } | null;
  selectedIds(): string[];
  zoom(): number;
  /** The controller's self-check: what differs between the canvas and the last answer (all empty when exact). */
  check(): DrawnMismatch;
  /** How often the self-check had to rebuild the canvas (0 unless the incremental update has a bug). */
  repairs(): number;
  /** Where the last frame drew mTLS locks, in client coordinates. */
  lockPoints(): { id: string; x: number; y: number }[];
  /** True while a layout is running (positions still moving). */
  layoutRunning(): boolean;
}

declare global {
  interface Window {
    __meshlensGraph?: GraphTestHook;
  }
}

/** What the controller adds to the hook (it knows the answer; Cytoscape only knows what it holds). */
export interface ControllerProbe {
  check(): DrawnMismatch;
  repairs(): number;
  lockPoints(): { id: string; x: number; y: number }[];
  layoutRunning(): boolean;
}

export function installTestHook(cy: Core, container: HTMLElement, renderer: 'canvas' | 'webgl', probe: ControllerProbe): () => void {
  const toClient = (p: { x: number; y: number }) => {
    const box = container.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  };
  const hook: GraphTestHook = {
    renderer,
    nodeIds: () => cy.nodes().map((n) => n.id()),
    edgeIds: () => cy.edges().map((e) => e.id()),
    visibleIds: () => cy.elements(':visible').map((e) => e.id()),
    visibleNodeIds: () => cy.nodes(':visible').map((e) => e.id()),
    visibleEdgeIds: () => cy.edges(':visible').map((e) => e.id()),
    parents: () => Object.fromEntries(cy.nodes().map((n) => [n.id(), n.parent().first().id() ?? null])),
    clientPoint: (id) => {
      const el = cy.getElementById(id);
      if (el.empty() || !el.visible()) return null;
      return toClient(el.isNode() ? el.renderedPosition() : (el as unknown as EdgeSingular).renderedMidpoint());
    },
    selectedIds: () => cy.$(':selected').map((e) => e.id()),
    zoom: () => cy.zoom(),
    check: () => probe.check(),
    repairs: () => probe.repairs(),
    lockPoints: () => probe.lockPoints().map((l) => ({ id: l.id, ...toClient(l) })),
    layoutRunning: () => probe.layoutRunning(),
  };
  window.__meshlensGraph = hook;
  return () => {
    if (window.__meshlensGraph === hook) delete window.__meshlensGraph;
  };
}
