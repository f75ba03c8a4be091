import type { Core, EdgeSingular } from 'cytoscape';

/**
 * A small read-only window hook for browser tests (and curious users in devtools): what the canvas holds and
 * where an element is on screen, since a canvas has no DOM to query. It never changes the graph.
 */
export interface GraphTestHook {
  renderer: 'canvas' | 'webgl';
  nodeIds(): string[];
  edgeIds(): string[];
  visibleIds(): string[];
  /** Client (viewport) coordinates of a node's centre or an edge's midpoint, or null when not drawn. */
  clientPoint(id: string): { x: number; y: number } | null;
  selectedIds(): string[];
  zoom(): number;
}

declare global {
  interface Window {
    __meshlensGraph?: GraphTestHook;
  }
}

export function installTestHook(cy: Core, container: HTMLElement, renderer: 'canvas' | 'webgl'): () => void {
  const hook: GraphTestHook = {
    renderer,
    nodeIds: () => cy.nodes().map((n) => n.id()),
    edgeIds: () => cy.edges().map((e) => e.id()),
    visibleIds: () => cy.elements(':visible').map((e) => e.id()),
    clientPoint: (id) => {
      const el = cy.getElementById(id);
      if (el.empty() || !el.visible()) return null;
      const p = el.isNode() ? el.renderedPosition() : (el as unknown as EdgeSingular).renderedMidpoint();
      const box = container.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    },
    selectedIds: () => cy.$(':selected').map((e) => e.id()),
    zoom: () => cy.zoom(),
  };
  window.__meshlensGraph = hook;
  return () => {
    if (window.__meshlensGraph === hook) delete window.__meshlensGraph;
  };
}
