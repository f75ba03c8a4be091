import cytoscape, { type Core, type Layouts, type Position } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import type { LayoutName } from '../graph-url-state';
import { graphStylesheet } from './cy-style';
import { applyElements, checkDrawn, intendedElements, isConsistent, type DrawnMismatch } from './cy-sync';
import { GraphOverlay } from './graph-overlay';
import { GraphTooltip } from './graph-tooltip';
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
  /** The answer last given to sync (nodes, and edges whose ends exist): what must be drawn. */
  private intended = new Map<string, CyData>();
  /** Times the self-check found the canvas differing from the answer and rebuilt it (0 unless there is a bug). */
  private repairCount = 0;
  private readonly overlay: GraphOverlay;
  private readonly tooltip: GraphTooltip;
  private readonly removeHook: () => void;
  private layoutRun: Layouts | undefined;
  private layoutActive = false;
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
    this.tooltip = new GraphTooltip(cy, container);
    this.removeHook = installTestHook(cy, container, actual, {
      check: () => this.check(),
      repairs: () => this.repairCount,
      lockPoints: () => this.overlay.lockPoints(),
      layoutRunning: () => this.layoutActive,
    });
  }

  /**
   * Applies new data. Returns true when the topology changed (then a layout ran). Afterwards the canvas is
   * checked against the answer; a difference (a bug, never expected) is logged and repaired by a rebuild, so
   * what is drawn is the answer even then.
   */
  sync(next: CyElements, positions?: ReadonlyMap<string, Position>): boolean {
    const hadElements = this.current.size > 0;
    this.intended = new Map(intendedElements(next).map((d) => [d.id, d]));
    let r = applyElements(this.cy, this.current, next, positions);
    const mismatch = checkDrawn(this.cy, this.intended);
    if (!isConsistent(mismatch)) {
      this.repairCount++;
      console.warn('graph canvas differed from the answer; rebuilt', mismatch);
      this.cy.batch(() => this.cy.elements().remove());
      this.current.clear();
      r = applyElements(this.cy, this.current, next, positions);
    }
    const structural = r.added > 0 || r.removed > 0 || r.moved > 0;
    if (structural && !(positions && r.addedIds.every((id) => positions.has(id) || isEdgeId(this.current, id)))) {
      this.runLayout(hadElements);
    }
    return structural;
  }

  /** The self-check, for tests: what differs between the canvas and the last answer (all empty when exact). */
  check(): DrawnMismatch {
    return checkDrawn(this.cy, this.intended);
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
    const run = visible.layout(layoutOptions(this.layoutName, visible.nodes().length, incremental, this.fitPadding));
    this.layoutRun = run;
    this.layoutActive = true;
    run.one('layoutstop', () => {
      if (this.layoutRun === run) this.layoutActive = false;
    });
    run.run();
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

  /**
   * The PNG of what is drawn: Cytoscape's view composited with the overlay (mTLS locks; labels in WebGL
   * mode), at the canvas's size in device pixels.
   */
  async png(): Promise<Blob> {
    this.overlay.paintNow();
    const base = await loadImage(this.cy.png({ output: 'base64uri', full: false, bg: PALETTE.bg }));
    const out = document.createElement('canvas');
    out.width = base.naturalWidth;
    out.height = base.naturalHeight;
    const ctx = out.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas for the export');
    ctx.drawImage(base, 0, 0);
    ctx.drawImage(this.overlay.element, 0, 0, out.width, out.height);
    return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  }

  destroy(): void {
    this.layoutRun?.stop();
    this.overlay.destroy();
    this.tooltip.destroy();
    this.removeHook();
    this.cy.destroy();
  }
}

function isEdgeId(current: ReadonlyMap<string, CyData>, id: string): boolean {
  const d = current.get(id);
  return d !== undefined && 'source' in d;
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('could not read the canvas image'));
    img.src = src;
  });
}

/** A node with its neighbours and edges, or an edge with its two ends. */
function neighbourhood(el: cytoscape.CollectionReturnValue): cytoscape.Collection {
  if (el.isNode()) return el.closedNeighborhood();
  const edge = el as unknown as cytoscape.EdgeSingular;
  return edge.union(edge.connectedNodes());
}
