import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { GraphResponse } from '../lib/api/graph';
import { expect, test } from './fixtures/test';
import { expectedFromAnswer, GraphPage } from './pages/graph-page';

// The graph canvas is exactly the answer: on the real server and demo (nothing intercepted), every change of
// the view is followed by comparing what Cytoscape draws (node and edge ids, and each node's box) with what
// `/api/namespaces/graph` answers for the page's own query.

const GROUPS = [
  ['namespace,app', /boxBy=namespace%2Capp/],
  ['none', /^(?!.*boxBy)/],
  ['app', /boxBy=app(&|$)/],
  ['namespace', /boxBy=namespace(&|$)/],
] as const;
const TYPES = ['versionedApp', 'app', 'workload', 'service'] as const;

async function pick(page: Page, label: string, value: string) {
  await page.getByLabel(label, { exact: true }).selectOption(value);
}

test('every Group × graph type, a refresh, a layout, hide, namespaces and window: drawn = API', async ({ page }) => {
  test.setTimeout(240_000);
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo,istio-system&graphType=versionedApp&duration=60s&refresh=off');
  await graph.waitForNodes(7);
  await graph.expectDrawnEqualsApi(/graphType=versionedApp/);

  const seen: string[] = [];
  for (const type of TYPES) {
    await pick(page, 'Graph type', type);
    for (const [group, inPath] of GROUPS) {
      await pick(page, 'Group', group);
      await expect(page).toHaveURL(new RegExp(`graphType=${type}`));
      const path = new RegExp(`graphType=${type}`);
      await graph.expectDrawnEqualsApi(path);
      const d = await graph.drawn();
      expect(d.answer ?? '').toMatch(inPath);
      // Namespace boxes form here (two namespaces); app boxes only where an app has several members.
      if (group.includes('namespace')) expect(d.nodes.some((id) => id.startsWith('box:namespace:'))).toBe(true);
      if (group === 'none') expect(d.nodes.some((id) => id.startsWith('box:'))).toBe(false);
      seen.push(`${type}/${group}: ${d.nodes.length} nodes, ${d.edges.length} edges`);
    }
    if (type === 'versionedApp') await page.screenshot({ path: test.info().outputPath('graph-versionedApp-namespace.png') });
  }
  test.info().annotations.push({ type: 'combinations', description: seen.join('; ') });

  // Service nodes off and on again, in a boxed view.
  await pick(page, 'Graph type', 'versionedApp');
  await pick(page, 'Group', 'namespace,app');
  await page.getByLabel('Service nodes').uncheck();
  await graph.expectDrawnEqualsApi(/injectServiceNodes=false/);
  await page.getByLabel('Service nodes').check();
  await graph.expectDrawnEqualsApi(/injectServiceNodes=true.*boxBy=namespace%2Capp/);
  await graph.settled();
  await page.screenshot({ path: test.info().outputPath('graph-namespace-app.png') });

  // A refresh, then a layout change: same answer, same drawing.
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await graph.expectDrawnEqualsApi(/boxBy=namespace%2Capp/);
  await pick(page, 'Layout', 'fcose');
  await expect(page).toHaveURL(/layout=fcose/);
  await graph.expectDrawnEqualsApi(/boxBy=namespace%2Capp/);

  // Hide: what it hides is gone (boxes left empty too), everything else is drawn; find changes nothing drawn.
  await graph.hide.fill('app = reviews');
  await graph.hide.press('Enter');
  await expect(page).toHaveURL(/hide=app/);
  const hidden = await graph.expectDrawnEqualsApi(/boxBy=namespace%2Capp/, 'app = reviews');
  expect(hidden.nodes.some((id) => id.includes(':reviews-v'))).toBe(false);
  expect(hidden.nodes).not.toContain('box:app:Kubernetes:bookinfo:reviews');
  await graph.settled();
  await page.screenshot({ path: test.info().outputPath('graph-hidden-reviews.png') });
  await graph.find.fill('name contains ratings');
  await graph.find.press('Enter');
  await graph.expectDrawnEqualsApi(/boxBy=namespace%2Capp/, 'app = reviews');
  await graph.hide.fill('');
  await graph.hide.press('Enter');
  await graph.expectDrawnEqualsApi(/boxBy=namespace%2Capp/);

  // The namespace set, then the window.
  await page.getByTestId('namespace-picker').click();
  await page.getByRole('checkbox', { name: 'istio-system' }).click();
  await page.keyboard.press('Escape');
  await graph.expectDrawnEqualsApi(/namespaces=bookinfo&/);
  await pick(page, 'Window', '5m');
  await graph.expectDrawnEqualsApi(/duration=5m/);
  await pick(page, 'Group', 'none');
  await graph.expectDrawnEqualsApi(/duration=5m/);
});

test('a renderer switch keeps the drawing exact (WebGL forced, boxed → unboxed)', async ({ page }) => {
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo,istio-system&graphType=versionedApp&duration=60s&refresh=off&renderer=webgl&boxBy=namespace,app');
  await graph.expectDrawnEqualsApi(/boxBy=namespace%2Capp/);
  await pick(page, 'Group', 'none');
  await graph.expectDrawnEqualsApi(/^(?!.*boxBy)/);
});

/** Reads a PNG's size from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('exports: JSON is what is drawn; PNG is the canvas, not blank, locks included', async ({ page }) => {
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo,istio-system&graphType=versionedApp&duration=60s&refresh=off&boxBy=namespace,app&hide=name%20%3D%20details');
  const drawn = await graph.expectDrawnEqualsApi(/boxBy=namespace%2Capp/, 'name = details');
  await graph.settled();

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'JSON', exact: true }).click()]);
  const exported = JSON.parse(readFileSync((await json.path()) as string, 'utf8')) as GraphResponse;
  const fromExport = expectedFromAnswer(exported);
  expect(fromExport.nodes).toEqual(drawn.nodes);
  expect(fromExport.edges).toEqual(drawn.edges);
  expect(fromExport.parents).toEqual(drawn.parents);
  expect(exported.elements.nodes.some((n) => n.data.id.includes('details'))).toBe(false);

  const locks = await page.evaluate(() => window.__meshlensGraph?.lockPoints() ?? []);
  expect(locks.length, 'mTLS locks drawn (the demo runs auto-mTLS)').toBeGreaterThan(0);
  const canvasBox = await graph.canvas.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, width: el.clientWidth, height: el.clientHeight, dpr: window.devicePixelRatio || 1 };
  });

  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG', exact: true }).click()]);
  expect(png.suggestedFilename()).toMatch(/^meshlens-graph-bookinfo\+istio-system-\d{8}-\d{6}\.png$/);
  const bytes = readFileSync((await png.path()) as string);
  writeFileSync(test.info().outputPath('export.png'), bytes);
  expect(pngSize(bytes)).toEqual({ width: Math.round(canvasBox.width * canvasBox.dpr), height: Math.round(canvasBox.height * canvasBox.dpr) });

  // Decode it in the page: count pixels that are not the background, and look for the lock colour where
  // the overlay drew each lock.
  const stats = await page.evaluate(
    async ({ b64, points, box }) => {
      // Decoded from bytes, not a data: URL (the page's CSP does not let it fetch those).
      const raw = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const img = await createImageBitmap(new Blob([raw], { type: 'image/png' }));
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d') as CanvasRenderingContext2D;
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      const bg = [0x11, 0x12, 0x17];
      let ink = 0;
      for (let i = 0; i < px.length; i += 4) if (Math.abs(px[i]! - bg[0]!) + Math.abs(px[i + 1]! - bg[1]!) + Math.abs(px[i + 2]! - bg[2]!) > 30) ink++;
      const lock = [0xe6, 0xe9, 0xef];
      let locksFound = 0;
      for (const p of points) {
        const cx = Math.round((p.x - box.left) * box.dpr);
        const cy = Math.round((p.y - box.top) * box.dpr);
        let hit = false;
        for (let dy = -4; dy <= 4 && !hit; dy++) {
          for (let dx = -4; dx <= 4 && !hit; dx++) {
            const x = cx + dx;
            const y = cy + dy;
            if (x < 0 || y < 0 || x >= c.width || y >= c.height) continue;
            const i = (y * c.width + x) * 4;
            if (Math.abs(px[i]! - lock[0]!) + Math.abs(px[i + 1]! - lock[1]!) + Math.abs(px[i + 2]! - lock[2]!) < 24) hit = true;
          }
        }
        if (hit) locksFound++;
      }
      return { ink: ink / (c.width * c.height), locksFound };
    },
    { b64: bytes.toString('base64'), points: locks, box: canvasBox },
  );
  expect(stats.ink, 'share of non-background pixels').toBeGreaterThan(0.002);
  expect(stats.locksFound).toBe(locks.length);
});

test.describe('errors and empty answers', () => {
  test.use({ allowConsoleErrors: [/Failed to load resource: the server responded with a status of (403|404)/] });

  test('an unknown namespace is an error with its message, never "Show idle nodes"', async ({ page }) => {
    await page.goto('/graph?namespaces=nope&graphType=versionedApp&duration=60s');
    const alert = page.getByRole('alert').filter({ hasText: 'nope' });
    await expect(alert).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Show idle nodes' })).toHaveCount(0);
    await expect(page.getByText('No traffic', { exact: true })).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('graph-unknown-namespace.png') });
  });

  for (const [status, code, message] of [
    [404, 'not_found', 'namespace "ghost" not found'],
    [403, 'forbidden', 'namespace "secret" is not accessible'],
  ] as const) {
    test(`a ${status} from the graph API shows its message as an error`, async ({ page }) => {
      await page.route('**/api/namespaces/graph?*', (route) => route.fulfill({ status, json: { error: { code, message } } }));
      await page.goto('/graph?namespaces=bookinfo&graphType=versionedApp&duration=60s');
      await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole('button', { name: 'Show idle nodes' })).toHaveCount(0);
      // A 4xx does not change by asking again.
      await expect(page.getByRole('alert').getByRole('button', { name: 'Retry' })).toHaveCount(0);
    });
  }

  test('an empty answer for a namespace that exists keeps the empty state and its actions', async ({ page }) => {
    await page.route('**/api/namespaces/graph?*', (route) =>
      route.fulfill({ json: { timestamp: 1_700_000_000, duration: 60, graphType: 'versionedApp', elements: { nodes: [], edges: [] } } }),
    );
    await page.goto('/graph?namespaces=bookinfo&graphType=versionedApp&duration=60s');
    await expect(page.getByText('No traffic', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Show idle nodes' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: /namespace/i })).toHaveCount(0);
  });
});
