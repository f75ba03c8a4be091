import { expect, type Locator, type Page } from '@playwright/test';
import type { GraphResponse } from '../../lib/api/graph';
import { compileFind, hideIds } from '../../lib/graph/find';
import { withEmptyBoxes } from '../../components/graph/drawn-answer';

/** What the canvas draws, read from Cytoscape through the test hook. */
export interface Drawn {
  answer: string | null;
  nodes: string[];
  edges: string[];
  parents: Record<string, string | null>;
  consistent: boolean;
  repairs: number;
}

function sortedRecord<T>(entries: [string, T][]): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Ids the API's answer says to draw, minus what the hide expression hides (the page's own rules). */
export function expectedFromAnswer(g: GraphResponse, hide = ''): { nodes: string[]; edges: string[]; parents: Record<string, string | null> } {
  const nodes = g.elements.nodes.map((n) => n.data);
  const edges = g.elements.edges.map((e) => e.data);
  const compiled = hide ? compileFind(hide) : undefined;
  const hidden = compiled?.ok ? withEmptyBoxes(nodes, hideIds({ nodes, edges }, compiled.matcher)) : new Set<string>();
  const shown = nodes.filter((n) => !hidden.has(n.id));
  return {
    nodes: shown.map((n) => n.id).sort(),
    edges: edges.filter((e) => !hidden.has(e.id)).map((e) => e.id).sort(),
    parents: sortedRecord(shown.map((n) => [n.id, n.parent ?? null])),
  };
}

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

  /** The API path of the answer on the canvas (null while an earlier view's answer stands in). */
  async answerPath(): Promise<string | null> {
    return this.canvas.getAttribute('data-answer');
  }

  async drawn(): Promise<Drawn> {
    const answer = await this.answerPath();
    const d = await this.page.evaluate(() => {
      const h = window.__meshlensGraph;
      if (!h) return undefined;
      const parents = h.parents();
      const visible = new Set(h.visibleNodeIds());
      const c = h.check();
      return {
        nodes: [...visible].sort(),
        edges: h.visibleEdgeIds().sort(),
        parents: Object.entries(parents).filter(([id]) => visible.has(id)),
        consistent: c.missing.length + c.extra.length + c.misplaced.length === 0,
        repairs: h.repairs(),
      };
    });
    if (!d) return { answer, nodes: [], edges: [], parents: {}, consistent: false, repairs: -1 };
    return { answer, ...d, parents: sortedRecord(d.parents) };
  }

  /**
   * Waits until the canvas draws the answer for a path matching `path`, then until what it draws equals what
   * the API answers for that very path (fetched fresh each try, so a refresh in between cannot fool it).
   */
  async expectDrawnEqualsApi(path: RegExp, hide = ''): Promise<Drawn> {
    await expect.poll(async () => (await this.answerPath()) ?? '', { timeout: 30_000 }).toMatch(path);
    let last: Drawn | undefined;
    await expect
      .poll(
        async () => {
          const drawn = await this.drawn();
          last = drawn;
          if (!drawn.answer) return 'no answer on the canvas';
          const res = await this.page.request.get(drawn.answer);
          if (!res.ok()) return `API ${res.status()}`;
          const want = expectedFromAnswer((await res.json()) as GraphResponse, hide);
          const got = { nodes: drawn.nodes, edges: drawn.edges, parents: drawn.parents };
          if (JSON.stringify(got) === JSON.stringify(want)) return 'equal';
          // The demo's topology is live (a version seen for the first time, an edge gone idle): when the two
          // answers differ, have the page fetch again so both come from about the same moment. A refresh
          // cannot hide a drawing bug: it re-sends the same ids, and the canvas must then draw them.
          const refresh = this.page.getByRole('button', { name: 'Refresh now' });
          if (await refresh.isEnabled()) await refresh.click();
          const minus = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));
          return JSON.stringify({
            path: drawn.answer,
            missingNodes: minus(want.nodes, got.nodes),
            extraNodes: minus(got.nodes, want.nodes),
            missingEdges: minus(want.edges, got.edges),
            extraEdges: minus(got.edges, want.edges),
            misplaced: want.nodes.filter((n) => got.parents[n] !== want.parents[n]).map((n) => `${n}: ${got.parents[n]} ≠ ${want.parents[n]}`),
          });
        },
        { timeout: 30_000, intervals: [250, 500, 1000] },
      )
      .toBe('equal');
    const d = last as Drawn;
    expect(d.consistent, 'the controller self-check').toBe(true);
    expect(d.repairs, 'rebuilds by the self-check').toBe(0);
    return d;
  }

  /** Waits for the layout to finish, so positions (and the pixels of an export) hold still. */
  async settled(): Promise<void> {
    await expect.poll(() => this.page.evaluate(() => window.__meshlensGraph?.layoutRunning() ?? true), { timeout: 15_000 }).toBe(false);
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
