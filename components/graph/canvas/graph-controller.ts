import cytoscape, { type Core, type ElementDefinition, type Layouts, type Position } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import type { LayoutName } from '../graph-url-state';
import { graphStylesheet } from './cy-style';
import { diffElements } from './element-diff';
import { GraphOverlay } from './graph-overlay';
import { layoutOptions } from './layouts';
import { installTestHook } from './test-hook';
import type { CyData, CyElements } from './to-cy-elements';
import { PALETTE } from './palette';

let registered = false;
function registerPlugins(): void {
  if (registered) return;
  cytoscape.use(dagre);
  cytoscape.use(fcose);
  registered = true;
}

/** Above this many nodes the WebGL renderer is used; below `CANVAS_BELOW` we go back (hysteresis: no flapping). */
export const WEBGL_ABOVE = 400;
export const CANVAS_BELOW = 300;

export type RendererMode = 'canvas' | 'webgl';

export function pickRenderer(
  current: RendererMode | undefined,
  nodeCount: number,
  forced: 'auto' | RendererMode = 'auto',
  hardwareWebgl = true,
): RendererMode {
  if (forced !== 'auto') return forced;
  if (!hardwareWebgl) return 'canvas';
  if (current === 'webgl') return nodeCount < CANVAS_BELOW ? 'canvas' : 'webgl';
  return nodeCount > WEBGL_ABOVE ? 'webgl' : 'canvas';
}

/**
 * Owns the one Cytoscape instance of the graph page and drives it by calls: element diffs, classes for
 * find/hide/selection, layouts. React never re-renders the graph; it tells this object what changed.
 */
export class GraphController {
  readonly cy: Core;
  readonly renderer: RendererMode;
  private readonly current = new Map<string, CyData>();
  private readonly overlay: GraphOverlay;
  private readonly removeHook: () => void;
  private layoutRun: Layouts | undefined;
  private layoutName: LayoutName;
  /** Overlay-drawn labels (WebGL mode) are outside Cytoscape's bounding boxes: leave room for them when fitting. */
  private readonly fitPadding: number;

  constructor(container: HTMLElement, mode: RendererMode, layout: LayoutName, onSelect: (id: string | undefined) => void) {
    registerPlugins();
    this.layoutName = layout;
    const base = {
      container,
      style: graphStylesheet(),
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single' as const,
      textureOnViewport: false,
      hideEdgesOnViewport: false,
      pixelRatio: 'auto' as const,
    };
    let cy: Core;
    let actual: RendererMode = mode;
    try {
      // `renderer.webgl` is newer than @types/cytoscape; the option is documented for Cytoscape ≥ 3.31.
      cy = cytoscape({ ...base, ...(mode === 'webgl' ? { renderer: { name: 'canvas', webgl: true, webglBgColor: [17, 18, 23] } } : {}) } as cytoscape.CytoscapeOptions);
    } catch {
      // No WebGL in this browser: the canvas renderer is slower at 1,000 nodes but works.
      cy = cytoscape(base);
      actual = 'canvas';
    }
    this.cy = cy;
    this.renderer = actual;
    this.fitPadding = actual === 'webgl' ? 70 : 30;
    cy.on('tap', (e) => {
      if (e.target === cy) onSelect(undefined);
    });
    cy.on('tap', 'node, edge', (e) => {
      const el = e.target as cytoscape.SingularElementReturnValue;
      if (el.isNode() && el.isParent()) return;
      onSelect(el.id());
    });
    // Hovering a node lights up its neighbourhood (as Kiali does) when nothing is selected; skipped on big
    // graphs, where restyling thousands of elements per mouse move would stutter.
    cy.on('mouseover', 'node', (e) => {
      const n = e.target as cytoscape.NodeSingular;
      n.addClass('hover');
      if (n.isParent() || !cy.$(':selected').empty() || cy.elements().length > 600) return;
      cy.batch(() => cy.elements().not(n.closedNeighborhood()).addClass('hover-dim'));
    });
    cy.on('mouseout', 'node', (e) => {
      (e.target as cytoscape.NodeSingular).removeClass('hover');
      cy.batch(() => cy.elements('.hover-dim').removeClass('hover-dim'));
    });
    if (actual === 'webgl') {
      // Labels move to the overlay in WebGL mode (see GraphOverlay). Empty labels, not transparent ones:
      // Cytoscape's WebGL label atlas would still be used, and it intermittently throws while drawing
      // ("Invalid attempt to destructure non-iterable instance" in getAtlasInfo).
      cy.style().selector('node, edge').style({ label: '' }).update();
    }
    this.overlay = new GraphOverlay(cy, container, actual === 'webgl');
    this.removeHook = installTestHook(cy, container, actual);
  }

  /** Applies new data. Returns true when the topology changed (then a layout ran). */
  sync(next: CyElements, positions?: ReadonlyMap<string, Position>): boolean {
    const nodeIds = new Set(next.nodes.map((n) => n.id));
    const edges = next.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target));
    const diff = diffElements(this.current, [...next.nodes, ...edges]);
    const hadElements = this.current.size > 0;
    const { cy } = this;
    cy.batch(() => {
      for (const id of diff.remove) {
        cy.getElementById(id).remove();
        this.current.delete(id);
      }
      // Nodes (already parents-first, see toCyElements) before edges: Cytoscape rejects dangling references.
      const adds: ElementDefinition[] = [...diff.add]
        .sort((a, b) => Number('source' in a) - Number('source' in b))
        .map((d) => ({ group: 'source' in d ? 'edges' : 'nodes', data: { ...d }, position: positions?.get(d.id) }));
      if (adds.length > 0) cy.add(adds);
      for (const d of diff.add) this.current.set(d.id, d);
      for (const d of diff.update) {
        const el = cy.getElementById(d.id);
        const oldParent = (this.current.get(d.id) as { parent?: string } | undefined)?.parent;
        const newParent = (d as { parent?: string }).parent;
        if (oldParent !== newParent) el.move({ parent: newParent ?? null });
        el.data(d);
        this.current.set(d.id, d);
      }
    });
    const structural = diff.add.length > 0 || diff.remove.length > 0;
    if (structural && !(positions && diff.add.every((d) => positions.has(d.id) || 'source' in d))) {
      this.runLayout(hadElements);
    }
    return structural;
  }

  setLayout(name: LayoutName): void {
    if (name === this.layoutName) return;
    this.layoutName = name;
    this.runLayout(false);
  }

  runLayout(incremental: boolean): void {
    this.layoutRun?.stop();
    const visible = this.cy.elements(':visible');
    if (visible.empty()) return;
    this.layoutRun = visible.layout(layoutOptions(this.layoutName, visible.nodes().length, incremental, this.fitPadding));
    this.layoutRun.run();
  }

  /** Marks find hits and hides hide hits (class-based, so positions stay put). */
  setFindHide(find: ReadonlySet<string>, hide: ReadonlySet<string>): void {
    this.cy.batch(() => {
      this.cy.elements().forEach((el) => {
        el.toggleClass('find', find.has(el.id()));
        el.toggleClass('hidden', hide.has(el.id()));
      });
    });
  }

  /** Selects one element and dims what is not connected to it; `reveal` pans (and zooms in) to it. */
  select(id: string | undefined, reveal = false): void {
    const { cy } = this;
    cy.batch(() => {
      cy.$(':selected').unselect();
      cy.elements().removeClass('dim hover-dim');
      if (!id) return;
      const el = cy.getElementById(id);
      if (el.empty()) return;
      el.select();
      const keep = neighbourhood(el);
      cy.elements().not(keep).not(keep.nodes().ancestors()).addClass('dim');
    });
    const el = id ? cy.getElementById(id) : undefined;
    if (reveal && el && !el.empty() && el.visible()) {
      // Chosen from a list, not clicked: bring it into view, readable, with its neighbours.
      cy.animate({ center: { eles: neighbourhood(el) }, zoom: Math.max(cy.zoom(), 1) }, { duration: 250 });
    }
  }

  setAnimating(on: boolean): void {
    this.overlay.setAnimating(on);
    this.cy.edges().toggleClass('animated', false);
  }

  /** Keyboard viewport control: pan by screen pixels, zoom about the centre. */
  panBy(dx: number, dy: number): void {
    this.cy.panBy({ x: dx, y: dy });
  }

  zoomBy(factor: number): void {
    const { cy } = this;
    const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor));
    cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  fit(): void {
    this.cy.animate({ fit: { eles: this.cy.elements(':visible'), padding: this.fitPadding } }, { duration: 200 });
  }

  positions(): Map<string, Position> {
    const out = new Map<string, Position>();
    this.cy.nodes().forEach((n) => {
      out.set(n.id(), { ...n.position() });
    });
    return out;
  }

  png(): Blob {
    return this.cy.png({ output: 'blob', full: true, scale: 2, bg: PALETTE.bg, maxWidth: 8000, maxHeight: 8000 });
  }

  destroy(): void {
    this.layoutRun?.stop();
    this.overlay.destroy();
    this.removeHook();
    this.cy.destroy();
  }
}

/** A node with its neighbours and edges, or an edge with its two ends. */
function neighbourhood(el: cytoscape.CollectionReturnValue): cytoscape.Collection {
  if (el.isNode()) return el.closedNeighborhood();
  const edge = el as unknown as cytoscape.EdgeSingular;
  return edge.union(edge.connectedNodes());
}
