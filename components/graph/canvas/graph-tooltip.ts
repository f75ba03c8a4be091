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
    const text = tooltipText(el.data() as Parameters<typeof tooltipText>[0]);
    if (!text || !e.renderedPosition) return;
    this.tip.textContent = text;
    this.tip.style.left = `${Math.round(e.renderedPosition.x + 12)}px`;
    this.tip.style.top = `${Math.round(e.renderedPosition.y + 14)}px`;
    this.tip.hidden = false;
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
