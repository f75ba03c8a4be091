import type { Core, EdgeSingular } from 'cytoscape';
import { pointOnEdge, trafficDots, type Pt } from './edge-geometry';
import { PALETTE } from './palette';

// The 2D renderer emits `render` after each frame; the WebGL path does not, so also follow what changes a frame.
const REDRAW_EVENTS = 'render viewport add remove data position style select unselect layoutstop';

const STATE_COLOR: Record<string, string> = {
  healthy: PALETTE.ok,
  degraded: PALETTE.warn,
  failure: PALETTE.err,
  tcp: PALETTE.tcp,
  idle: PALETTE.idle,
};

/**
 * A 2D canvas over Cytoscape's own, for what its renderer cannot draw: the mTLS lock on edges (no icon fonts
 * offline) and the traffic animation (dots moving along edges at a speed set by the rate). It redraws on
 * Cytoscape's `render` event, and every frame while animating. Works over the canvas and WebGL renderers alike.
 */
export class GraphOverlay {
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D | null;
  private animating = false;
  private frame = 0;
  private queued = false;
  private destroyed = false;
  private readonly onRender = () => this.schedule();
  private readonly resizeObserver: ResizeObserver;
  /** Where the last frame drew mTLS locks, in container pixels (the test hook reads them; exports check them). */
  private locks: { id: string; x: number; y: number }[] = [];

  /**
   * @param drawLabels draw node and edge labels here: Cytoscape's WebGL mode does not reliably draw them
   * (blank labels under SwiftShader and on some GPUs, cytoscape.js issue 3320), so in WebGL mode we do.
   */
  constructor(
    private readonly cy: Core,
    container: HTMLElement,
    private readonly drawLabels = false,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('aria-hidden', 'true');
    this.canvas.className = 'gr-overlay';
    container.appendChild(this.canvas);
    this.ctx = this.canvas.getContext('2d');
    this.resizeObserver = new ResizeObserver(() => this.resize(container));
    this.resizeObserver.observe(container);
    this.resize(container);
    cy.on(REDRAW_EVENTS, this.onRender);
  }

  setAnimating(on: boolean): void {
    if (on === this.animating) return;
    this.animating = on;
    if (on) this.loop();
    else {
      cancelAnimationFrame(this.frame);
      this.schedule();
    }
  }

  /** The overlay's own canvas (container-sized, device pixels), for exports that composite it. */
  get element(): HTMLCanvasElement {
    return this.canvas;
  }

  /** Draws the current frame now (an export must not pick up a frame queued but not yet drawn). */
  paintNow(): void {
    this.draw(performance.now());
  }

  lockPoints(): { id: string; x: number; y: number }[] {
    return this.locks.map((l) => ({ ...l }));
  }

  destroy(): void {
    this.destroyed = true;
    cancelAnimationFrame(this.frame);
    this.animating = false;
    this.resizeObserver.disconnect();
    this.cy.off(REDRAW_EVENTS, this.onRender);
    this.canvas.remove();
  }

  private resize(container: HTMLElement): void {
    // Cytoscape only notices window resizes; a panel opening next to the canvas must be told about.
    if (!this.cy.destroyed()) this.cy.resize();
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.max(1, Math.round(container.clientWidth * dpr));
    this.canvas.height = Math.max(1, Math.round(container.clientHeight * dpr));
    this.schedule();
  }

  private schedule(): void {
    if (this.animating || this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => {
      this.queued = false;
      this.draw(performance.now());
    });
  }

  private loop = (): void => {
    if (!this.animating) return;
    this.draw(performance.now());
    this.frame = requestAnimationFrame(this.loop);
  };

  private draw(nowMs: number): void {
    const ctx = this.ctx;
    // A frame queued before destroy() may still fire; Cytoscape's renderer is gone by then.
    if (!ctx || this.destroyed || this.cy.destroyed()) return;
    const dpr = window.devicePixelRatio || 1;
    const zoom = this.cy.zoom();
    const pan = this.cy.pan();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * pan.x, dpr * pan.y);
    const edges = this.cy.edges(':visible');
    const showLocks = zoom >= 0.45;
    const locks: { id: string; x: number; y: number }[] = [];
    edges.forEach((e) => {
      const geo = geometry(e);
      if (!geo) return;
      // Dimmed (not part of the selection) edges keep their decorations faint, as Cytoscape draws them.
      ctx.globalAlpha = e.hasClass('dim') ? 0.2 : 1;
      if (this.animating) this.drawDots(ctx, e, geo, nowMs, zoom);
      if (showLocks && (e.data('mtls') as number) > 0) {
        const at = pointOnEdge(geo.a, geo.b, geo.c, lockPosition(geo, zoom));
        drawLock(ctx, at, zoom);
        locks.push({ id: e.id(), x: at.x * zoom + pan.x, y: at.y * zoom + pan.y });
      }
    });
    this.locks = locks;
    ctx.globalAlpha = 1;
    if (this.drawLabels) this.drawAllLabels(ctx, zoom);
  }

  private drawAllLabels(ctx: CanvasRenderingContext2D, zoom: number): void {
    // Same legibility floor as the stylesheet's min-zoomed-font-size: unreadable text is not drawn.
    const nodeFont = 12;
    const edgeFont = 10;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.lineJoin = 'round';
    if (edgeFont * zoom >= 6) {
      ctx.font = `${edgeFont}px ${LABEL_FONT}`;
      this.cy.edges(':visible').forEach((e) => {
        const text = e.data('label') as string;
        if (!text) return;
        const m = e.midpoint();
        ctx.globalAlpha = e.hasClass('dim') ? 0.25 : 1;
        drawText(ctx, text.split('\n'), m.x, m.y - (edgeFont * 1.2 * text.split('\n').length) / 2, edgeFont, PALETTE.edgeText, true);
      });
    }
    if (nodeFont * zoom >= 7) {
      ctx.font = `${nodeFont}px ${LABEL_FONT}`;
      this.cy.nodes(':visible').forEach((n) => {
        const text = n.data('label') as string;
        if (!text) return;
        const p = n.position();
        const isParent = n.isParent();
        const box = isParent ? n.boundingBox({ includeLabels: false }) : undefined;
        const y = box ? box.y1 - nodeFont * 1.3 : p.y + n.height() / 2 + 4;
        ctx.globalAlpha = n.hasClass('dim') ? 0.25 : 1;
        drawText(ctx, text.split('\n'), p.x, y, nodeFont, PALETTE.nodeText, false);
      });
    }
    ctx.globalAlpha = 1;
  }

  private drawDots(ctx: CanvasRenderingContext2D, e: EdgeSingular, g: Geometry, nowMs: number, zoom: number): void {
    const { count, speed } = trafficDots(e.data('rate') as number);
    if (count === 0) return;
    ctx.fillStyle = STATE_COLOR[e.data('state') as string] ?? PALETTE.ok;
    const r = Math.max(1.6, 2.6 / Math.sqrt(zoom));
    const phase = ((nowMs / 1000) * speed) % 1;
    for (let i = 0; i < count; i++) {
      const p = pointOnEdge(g.a, g.b, g.c, (phase + i / count) % 1);
      ctx.beginPath();
      ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
      ctx.fill();
    }
  }
}

interface Geometry {
  a: Pt;
  b: Pt;
  c: Pt[];
}

function geometry(e: EdgeSingular): Geometry | undefined {
  try {
    const a = e.sourceEndpoint();
    const b = e.targetEndpoint();
    if (!a || !b || !Number.isFinite(a.x) || !Number.isFinite(b.x)) return undefined;
    // Straight edges have no control points (undefined, not []).
    return { a, b, c: e.controlPoints() ?? [] };
  } catch {
    // An edge not drawn yet (just added, or its renderer was torn down) has no geometry this frame.
    return undefined;
  }
}

const LABEL_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif';

/** Centred multi-line text with a dark outline (node labels) or a dark plate (edge labels), like the stylesheet. */
function drawText(ctx: CanvasRenderingContext2D, lines: string[], x: number, y: number, size: number, color: string, plate: boolean): void {
  const lh = size * 1.2;
  lines.forEach((line, i) => {
    const ly = y + i * lh;
    if (plate) {
      const w = ctx.measureText(line).width + 2;
      ctx.fillStyle = 'rgba(17, 18, 23, 0.85)';
      ctx.fillRect(x - w / 2, ly - 1, w, lh);
    } else {
      ctx.strokeStyle = PALETTE.textOutline;
      ctx.lineWidth = 3;
      ctx.strokeText(line, x, ly);
    }
    ctx.fillStyle = color;
    ctx.fillText(line, x, ly);
  });
}

/** Where the lock sits along the edge: a fixed ~16 screen px from the source, clear of the label in the middle. */
function lockPosition(g: Geometry, zoom: number): number {
  const len = Math.hypot(g.b.x - g.a.x, g.b.y - g.a.y);
  if (len === 0) return 0.5;
  return Math.min(0.3, Math.max(0.08, 16 / Math.max(zoom, 0.45) / len));
}

/** A padlock a few pixels tall on screen, whatever the zoom. */
function drawLock(ctx: CanvasRenderingContext2D, p: Pt, zoom: number): void {
  const s = 1 / Math.max(zoom, 0.45);
  const w = 7 * s;
  const h = 5.5 * s;
  ctx.save();
  ctx.translate(p.x, p.y);
  ctx.fillStyle = PALETTE.bg;
  ctx.beginPath();
  ctx.arc(0, -h * 0.15, w * 0.85, 0, Math.PI * 2);
  ctx.fill();
  ctx.strokeStyle = PALETTE.lock;
  ctx.lineWidth = 1.3 * s;
  ctx.beginPath();
  ctx.arc(0, -h * 0.45, w * 0.3, Math.PI, 0);
  ctx.stroke();
  ctx.fillStyle = PALETTE.lock;
  ctx.fillRect(-w / 2, -h * 0.45, w, h);
  ctx.restore();
}
