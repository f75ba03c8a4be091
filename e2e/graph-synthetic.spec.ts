import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { itemMetrics, itemTraffic, largeGraph } from './fixtures/graph-fixtures';
import { GraphPage } from './pages/graph-page';

// Shapes the demo cannot produce, served by intercepting the graph API (the UI under test is the real one).
async function serveGraph(page: Page, nodes: number) {
  const g = largeGraph(nodes);
  await page.route('**/api/namespaces/graph?*', (route) => route.fulfill({ json: g }));
  await page.route('**/api/metrics/graph-item?*', (route) => {
    const id = new URL(route.request().url()).searchParams.get('id') ?? '';
    return route.fulfill({ json: itemMetrics(id, id.includes('>') ? 'edge' : 'node') });
  });
  // The synthetic namespaces exist only here: their figures and (empty) config are intercepted too.
  await page.route('**/api/traffic/item?*', (route) => {
    const id = new URL(route.request().url()).searchParams.get('id') ?? '';
    return route.fulfill({ json: itemTraffic(id, id.includes('>') ? 'edge' : 'node') });
  });
  await page.route('**/api/overview/traffic?*', (route) => route.fulfill({ json: { duration: 60, timestamp: 1_700_000_000, namespaces: [] } }));
  await page.route('**/api/istio/config?*', (route) => route.fulfill({ json: { items: [], counts: { objects: 0, errors: 0, warnings: 0 }, loadErrors: [] } }));
  await page.route('**/api/namespaces', (route) => route.fulfill({ json: Array.from({ length: 10 }, (_, i) => ({ name: `ns-${i}`, cluster: 'c1', labels: {}, isControlPlane: false })) }));
  return g;
}

const ALL_NS = Array.from({ length: 10 }, (_, i) => `ns-${i}`).join(',');

test('a small graph: shapes, labels, find and hide, legend', async ({ page }) => {
  const g = await serveGraph(page, 14);
  const graph = new GraphPage(page);
  await graph.goto(`namespaces=${ALL_NS}&graphType=versionedApp&duration=60s&edgeLabels=rate,rt`);
  await graph.waitForNodes(14);
  expect(await graph.edgeIds()).toHaveLength(g.elements.edges.length);
  await expect(graph.canvas).toHaveAttribute('data-renderer', 'canvas');

  // Hovering a degraded edge says so in a tooltip (with the reason, once the answer carries one).
  const degraded = g.elements.edges.find((e) => e.data.healthStatus === 'Degraded')?.data.id as string;
  await graph.settled();
  const at = await page.evaluate((id) => window.__meshlensGraph?.clientPoint(id) ?? null, degraded);
  expect(at).not.toBeNull();
  await page.mouse.move((at as { x: number }).x, (at as { y: number }).y);
  await expect(page.getByTestId('graph-tooltip')).toContainText('Degraded');
  await page.screenshot({ path: test.info().outputPath('graph-tooltip.png') });
  await page.mouse.move(5, 5);

  await graph.find.fill('app = svc-3 or %httperr > 20');
  await expect(page.getByText(/^\d+ found$/)).toBeVisible();
  await graph.hide.fill('app = svc-13');
  await expect.poll(async () => (await graph.visibleIds()).includes('app:c1:ns-3:svc-13:v2')).toBe(false);
  await graph.hide.fill('app = = broken');
  await expect(page.getByRole('alert').filter({ hasText: 'Expected a value' })).toBeVisible();
  await expect(page).toHaveURL(/hide=app\+%3D\+svc-13/);

  await page.getByRole('button', { name: 'Legend' }).click();
  await expect(page.getByTestId('graph-legend')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('graph-small.png') });
});

test('1,000 nodes: renderer picked by hardware, selection still responsive', async ({ page }) => {
  await serveGraph(page, 1000);
  const graph = new GraphPage(page);
  await graph.goto(`namespaces=${ALL_NS}&graphType=versionedApp&duration=60s&layout=fcose`);
  await graph.waitForNodes(1000);
  // WebGL above 400 nodes, but only with hardware WebGL: software WebGL (this headless, GPU-less Chromium
  // gets SwiftShader) is slower than the 2D canvas.
  const { renderer, gpu } = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    const name = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'none';
    return { renderer: window.__meshlensGraph?.renderer, gpu: gl !== null && !/swiftshader|llvmpipe|software|softpipe/i.test(name) };
  });
  expect(renderer).toBe(gpu ? 'webgl' : 'canvas');

  const id = 'app:c1:ns-0:svc-500:v3';
  const started = Date.now();
  await page.getByTestId('elements-toggle').click();
  await page.getByTestId('elements-filter').fill('svc-500 v3');
  await page.getByTestId('element-node').filter({ hasText: 'svc-500 v3' }).click();
  await expect(graph.sidePanel.getByTestId('details-title')).toHaveText('svc-500 v3');
  await expect.poll(() => graph.selectedIds()).toEqual([id]);
  // A coarse guard against pathologies (it takes well under a second on an idle machine), not a benchmark.
  expect(Date.now() - started).toBeLessThan(10_000);
  await page.screenshot({ path: test.info().outputPath('graph-1000.png') });
});
