import { expect, type Locator, type Page } from '@playwright/test';

/** The graph page. The canvas has no DOM per element, so positions come from the page's read-only test hook. */
export class GraphPage {
  readonly canvas: Locator;
  readonly sidePanel: Locator;
  readonly find: Locator;
  readonly hide: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId('graph-canvas');
    this.sidePanel = page.getByTestId('side-panel');
    this.find = page.getByTestId('find-input');
    this.hide = page.getByTestId('hide-input');
  }

  async goto(query = 'namespaces=bookinfo&graphType=versionedApp&duration=60s'): Promise<void> {
    await this.page.goto(`/graph?${query}`);
    // Generous: the canvas mounts after the graph arrives, and CI machines are shared and slow.
    await expect(this.canvas).toBeVisible({ timeout: 45_000 });
  }

  async nodeIds(): Promise<string[]> {
    return this.page.evaluate(() => window.__meshlensGraph?.nodeIds() ?? []);
  }

  async edgeIds(): Promise<string[]> {
    return this.page.evaluate(() => window.__meshlensGraph?.edgeIds() ?? []);
  }

  async visibleIds(): Promise<string[]> {
    return this.page.evaluate(() => window.__meshlensGraph?.visibleIds() ?? []);
  }

  async selectedIds(): Promise<string[]> {
    return this.page.evaluate(() => window.__meshlensGraph?.selectedIds() ?? []);
  }

  /** Waits until the canvas holds at least `n` nodes. */
  async waitForNodes(n: number): Promise<void> {
    await expect.poll(async () => (await this.nodeIds()).length, { timeout: 45_000 }).toBeGreaterThanOrEqual(n);
  }

  /** Clicks an element where it is drawn (after layout animations settle). */
  async clickElement(id: string): Promise<void> {
    let last: { x: number; y: number } | null = null;
    // Positions move while the layout animates: wait until two reads agree.
    await expect
      .poll(
        async () => {
          const p = await this.page.evaluate((i) => window.__meshlensGraph?.clientPoint(i) ?? null, id);
          const stable = p !== null && last !== null && Math.abs(p.x - last.x) < 0.5 && Math.abs(p.y - last.y) < 0.5;
          last = p;
          return stable;
        },
        { timeout: 15_000, intervals: [150] },
      )
      .toBe(true);
    const p = last as { x: number; y: number } | null;
    if (!p) throw new Error(`element ${id} is not drawn`);
    await this.page.mouse.click(p.x, p.y);
  }
}
