import { expect, test } from './fixtures/test';
import { GraphPage } from './pages/graph-page';
import { OverviewPage } from './pages/overview-page';

// Loading, empty and error states, by making the real API answer badly for one route.
// The browser logs the mocked 4xx/5xx responses themselves; anything else logged still fails the test.
test.use({ allowConsoleErrors: [/Failed to load resource: the server responded with a status of (400|503)/] });

test('overview: an API failure shows an error with a working Retry', async ({ page }) => {
  let fail = true;
  await page.route('**/api/overview', (route) =>
    fail ? route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: 'config store is loading' } } }) : route.fallback(),
  );
  const home = new OverviewPage(page);
  await home.goto();
  const alert = page.getByRole('alert').filter({ hasText: 'config store is loading' });
  await expect(alert).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: test.info().outputPath('overview-error.png'), fullPage: true });
  fail = false;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(home.namespace('bookinfo')).toBeVisible();
});

test('graph: no traffic in the window is an explained empty state', async ({ page }) => {
  await page.route('**/api/namespaces/graph?*', (route) =>
    route.fulfill({ json: { timestamp: 1_700_000_000, duration: 60, graphType: 'versionedApp', elements: { nodes: [], edges: [] } } }),
  );
  const graph = new GraphPage(page);
  await graph.goto();
  await expect(page.getByText('No traffic', { exact: true })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('graph-empty.png') });
});

test.describe(() => {
  // namespaces=nope really is unknown: the page's other lookups for it (the config list) answer 404 (CONTRACT §3).
  test.use({ allowConsoleErrors: [/Failed to load resource: the server responded with a status of (400|404|503)/] });
  test('graph: a failing graph API shows the error, not a blank canvas', async ({ page }) => {
    await page.route('**/api/namespaces/graph?*', (route) =>
      route.fulfill({ status: 400, json: { error: { code: 'bad_request', message: 'unknown namespace "nope"' } } }),
    );
    await page.goto('/graph?namespaces=nope&graphType=versionedApp&duration=60s');
    await expect(page.getByRole('alert').filter({ hasText: 'unknown namespace "nope"' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('graph-error.png') });
  });
});

test('graph: node details, legend and animation', async ({ page }) => {
  const graph = new GraphPage(page);
  await graph.goto('namespaces=bookinfo&graphType=versionedApp&duration=60s&animate=true&edgeLabels=rate,percent,rt');
  await graph.waitForNodes(7);
  const node = (await graph.nodeIds()).find((id) => id.endsWith(':reviews-v2'));
  expect(node).toBeDefined();
  await graph.clickElement(node as string);
  const details = graph.sidePanel.getByTestId('node-details');
  await expect(details.getByTestId('details-title')).toHaveText('reviews v2');
  await expect(details.getByRole('heading', { name: 'Calls' })).toBeVisible();
  await page.getByRole('button', { name: 'Legend' }).click();
  await expect(page.getByTestId('graph-legend')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('graph-node-legend.png') });
  // Keyboard: Esc clears the selection.
  await page.keyboard.press('Escape');
  await expect(graph.sidePanel.getByTestId('graph-summary')).toBeVisible();
});
