import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { GraphPage } from './pages/graph-page';

/*
 * The troubleshooting path on the demo mesh: reviews starts failing (a fault the VirtualService injects, next to its
 * 80/10/10 split); the graph turns red; the person opens the calling workload, reads the failing requests in its
 * proxy's access log filtered to 5xx, opens one's trace, and sees in the Envoy routes tab the route that sent it,
 * with the weights and the fault the VirtualService sets.
 */

const VS = '/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService/reviews';
const WRITE = { 'x-meshlens-csrf': '1' };
const SHOTS = 'test-results/e2e/workloads';

async function setReviews(request: APIRequestContext, http: unknown): Promise<unknown> {
  const cur = (await (await request.get(VS)).json()) as { object: { spec: { http: unknown } } };
  const before = cur.object.spec.http;
  cur.object.spec.http = http;
  const res = await request.put(`${VS}?force=true`, { headers: WRITE, data: cur.object });
  expect(res.status(), await res.text()).toBe(200);
  return before;
}

const split = (extra: Record<string, unknown> = {}) => [{
  ...extra,
  route: [
    { destination: { host: 'reviews', subset: 'v1' }, weight: 80 },
    { destination: { host: 'reviews', subset: 'v2' }, weight: 10 },
    { destination: { host: 'reviews', subset: 'v3' }, weight: 10 },
  ],
}];

test('from a red node to the workload: 5xx in the proxy log, a trace opened, the route and its weights in Envoy', async ({ page, request }) => {
  test.setTimeout(180_000);
  const original = await setReviews(request, split({ fault: { abort: { httpStatus: 503, percentage: { value: 50 } } } }));
  try {
    // The graph: the reviews node turns red once the failing calls are scraped.
    const graph = new GraphPage(page);
    await expect.poll(async () => {
      const g = (await (await request.get('/api/namespaces/graph?namespaces=bookinfo&graphType=workload&duration=60s')).json()) as { elements: { nodes: { data: { id: string; service?: string; healthStatus?: string } }[] } };
      return g.elements.nodes.find((n) => n.data.service === 'reviews' && n.data.healthStatus === 'Failure')?.data.id ?? '';
    }, { timeout: 60_000, intervals: [2000] }).not.toBe('');
    await graph.goto('namespaces=bookinfo&graphType=workload&duration=60s');
    await page.screenshot({ path: `${SHOTS}/graph-red.png` });

    // The workloads list shows who is failing: productpage-v1's outbound calls.
    await page.goto('/workloads?namespaces=bookinfo&sort=errors');
    await expect(page.getByRole('heading', { name: 'Workloads', level: 1 })).toBeVisible();
    const row = page.getByTestId('workload-row-productpage-v1');
    await expect(row).toBeVisible();
    await expect(row.getByText('sidecar', { exact: true })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/workloads.png`, fullPage: true });
    await row.getByRole('link', { name: 'productpage-v1' }).click();
    await expect(page).toHaveURL(/\/workloads\/bookinfo\/productpage-v1/);
    await expect(page.getByRole('heading', { name: 'productpage-v1', level: 1 })).toBeVisible();
    await expect(page.getByTestId('pod-table')).toContainText('productpage-v1-');
    await expect(page.getByTestId('istio-config-table')).toContainText('VirtualService bookinfo/productpage');
    // Its metrics are the graph's own (inbound and outbound over time).
    await expect(page.getByTestId('workload-metrics').getByText('Requests/s')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('workload-metrics').getByRole('button', { name: 'Outbound' }).click();
    await page.screenshot({ path: `${SHOTS}/workload-overview.png`, fullPage: true });

    // Logs: proxy lines filtered to 5xx are the aborted calls to reviews, with their flags.
    await page.getByRole('tab', { name: 'Logs' }).click();
    await expect(page).toHaveURL(/tab=logs/);
    await expect(page.getByTestId('log-row').first()).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('log-code').selectOption('5xx');
    await page.getByLabel('Show').selectOption('proxy');
    const failing = page.getByTestId('log-row');
    await expect(failing.first()).toBeVisible();
    await expect(failing.first()).toHaveAttribute('data-code', '503');
    await expect(failing.first()).toContainText('FI');
    await expect(failing.first()).toContainText('outbound|9080|');
    await expect(page).toHaveURL(/code=5xx/);
    await page.screenshot({ path: `${SHOTS}/workload-logs.png`, fullPage: true });
    // A text filter narrows further; a broken regex says why.
    await page.getByTestId('log-filter').fill('reviews');
    await expect(failing.first()).toContainText('reviews.bookinfo.svc.cluster.local');
    await page.getByLabel('regex').check();
    await page.getByTestId('log-filter').fill('(');
    await expect(page.getByRole('alert').first()).toContainText('not a regular expression');
    await page.getByTestId('log-filter').fill('reviews');

    // One failing request's trace.
    const link = failing.first().getByTestId('trace-link');
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/traces\/[0-9a-f]{32}$/);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    await expect(page.getByTestId('trace-id')).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/trace.png` });
    await page.goBack();

    // Envoy: the route that sent it, with the VirtualService's weights and fault; the proxy is in sync.
    await page.getByRole('tab', { name: 'Envoy' }).click();
    const route = page.getByTestId('envoy-route-row').and(page.locator('[data-vhost="reviews.bookinfo.svc.cluster.local:9080"]'));
    await expect(route).toBeVisible({ timeout: 30_000 });
    await expect(route.getByTestId('route-destination')).toHaveText([/outbound\|9080\|v1\|reviews.* 80%/, /outbound\|9080\|v2\|reviews.* 10%/, /outbound\|9080\|v3\|reviews.* 10%/]);
    await expect(route).toContainText('abort 503 @50%');
    await expect(route).toContainText('bookinfo/reviews');
    await expect(page.getByTestId('sync-state')).toContainText('SYNCED');
    await page.screenshot({ path: `${SHOTS}/workload-envoy.png`, fullPage: true });
    await page.getByTestId('envoy-filter').fill('ratings');
    await expect(page.getByTestId('envoy-route-row')).toHaveCount(1);
    for (const view of ['clusters', 'listeners', 'endpoints']) {
      await page.getByTestId(`envoy-view-${view}`).click();
      await page.getByTestId('envoy-filter').fill('');
      await expect(page.getByTestId(`envoy-${view}`)).toBeVisible();
    }
    await page.getByTestId('envoy-view-raw').click();
    await expect(page.getByTestId('config-dump')).toContainText('type.googleapis.com/envoy.admin.v3.RoutesConfigDump');
  } finally {
    await setReviews(request, original);
  }
});

test('applications: the list and one application with its versions', async ({ page }) => {
  await page.goto('/applications?namespaces=bookinfo');
  await expect(page.getByRole('heading', { name: 'Applications', level: 1 })).toBeVisible();
  const row = page.getByTestId('app-row-reviews');
  await expect(row).toContainText('v1');
  await expect(row).toContainText('v3');
  await page.screenshot({ path: `${SHOTS}/applications.png`, fullPage: true });
  await row.getByRole('link', { name: 'reviews', exact: true }).click();
  await expect(page).toHaveURL(/\/applications\/bookinfo\/reviews$/);
  await expect(page.getByTestId('app-workloads')).toContainText('reviews-v2');
  await page.screenshot({ path: `${SHOTS}/application.png`, fullPage: true });
  await page.getByRole('link', { name: 'reviews-v3' }).click();
  await expect(page.getByRole('heading', { name: 'reviews-v3', level: 1 })).toBeVisible();
});

test.describe('missing items', () => {
  // The 404s are the point here; the browser logs them as failed loads.
  test.use({ allowConsoleErrors: [/status of 404/] });
  test('unknown workload and application: an error state with the server\'s message', async ({ page }) => {
    await page.goto('/workloads/bookinfo/nope');
    await expect(page.getByRole('alert').filter({ hasText: 'Not found' })).toContainText('no workload "nope" in namespace bookinfo');
    await page.goto('/applications/bookinfo/nope');
    await expect(page.getByRole('alert').filter({ hasText: 'Not found' })).toContainText('no application "nope"');
  });
});

test('the nav reaches both lists by keyboard shortcut', async ({ page }) => {
  await page.goto('/workloads');
  // Data arrives after hydration: once the table is there, the shortcut handler is too.
  await expect(page.getByTestId('workload-table')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('link', { name: 'Workloads', exact: true })).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('g');
  await page.keyboard.press('a');
  await expect(page).toHaveURL(/\/applications$/);
  await expect(page.getByTestId('app-table')).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('g');
  await page.keyboard.press('w');
  await expect(page).toHaveURL(/\/workloads$/);
});
