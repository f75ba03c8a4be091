import type { Core, SingularElementReturnValue } from 'cytoscape';

/** What a tooltip says about a node or edge: its name, and its health with the reason when the answer has one. */
export function tooltipText(data: { label?: string; health?: string; reason?: string; nodeType?: string; source?: string }): string | undefined {
  if (data.nodeType === 'box') return undefined;
  const name = (data.label ?? '').replace(/\s*\n\s*/g, ' ').trim();
  const health = data.health && data.health !== 'NA' && data.health !== 'Healthy' ? data.health : undefined;
  const state = health ? (data.reason ? `${health}: ${data.reason}` : health) : undefined;
  if (!state) return data.source === undefined && name ? name : undefined;
  return name ? `${name} — ${state}` : state;
}

const oneLine = (v: unknown): string => (typeof v === 'string' ? v.replace(/\s*\n\s*/g, ' ') : '?');

/**
 * A small hover tooltip over the canvas (the canvas has no DOM per element, so no `title` attribute can do
 * this). Text only, positioned at the pointer; it never takes pointer events.
 */
export class GraphTooltip {
  private readonly tip: HTMLDivElement;

  constructor(
    private readonly cy: Core,
    container: HTMLElement,
  ) {
    this.tip = document.createElement('div');
    this.tip.className = 'gr-tip';
    this.tip.setAttribute('role', 'tooltip');
    this.tip.dataset.testid = 'graph-tooltip';
    this.tip.hidden = true;
    container.appendChild(this.tip);
    cy.on('mouseover', 'node, edge', this.onOver);
    cy.on('mouseout', 'node, edge', this.onOut);
    cy.on('viewport remove', this.onOut);
  }

  private readonly onOver = (e: cytoscape.EventObject): void => {
    const el = e.target as SingularElementReturnValue;
    const data = { ...(el.data() as Parameters<typeof tooltipText>[0]) };
    // An edge is named by its ends ("reviews v2 → ratings v1"), not by its rate label.
    if (el.isEdge()) data.label = `${oneLine(el.source().data('label'))} → ${oneLine(el.target().data('label'))}`;
    const text = tooltipText(data);
    const at = e.renderedPosition;
    if (!text || !at) return;
    this.tip.textContent = text;
    this.tip.hidden = false;
    // Keep it inside the canvas: flip to the pointer's left (or above) near the right (or bottom) edge.
    const w = this.tip.offsetWidth;
    const h = this.tip.offsetHeight;
    const left = at.x + 12 + w > this.cy.width() ? at.x - 12 - w : at.x + 12;
    const top = at.y + 14 + h > this.cy.height() ? at.y - 14 - h : at.y + 14;
    this.tip.style.left = `${Math.round(Math.max(0, left))}px`;
    this.tip.style.top = `${Math.round(Math.max(0, top))}px`;
  };

  private readonly onOut = (): void => {
    this.tip.hidden = true;
  };

  destroy(): void {
    if (!this.cy.destroyed()) {
      this.cy.off('mouseover', 'node, edge', this.onOver);
      this.cy.off('mouseout', 'node, edge', this.onOut);
      this.cy.off('viewport remove', this.onOut);
    }
    this.tip.remove();
  }
}
