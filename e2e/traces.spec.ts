import { expect, test, type Page } from '@playwright/test';

/*
 * The traces pages on the demo mesh's own traffic: the search finds traces within seconds, one
 * trace crosses the B3/Zipkin gateway and the W3C/OTLP productpage, and the trace view shows the
 * span tree with its critical path, span details and links to the graph.
 */

interface JaegerTrace {
  traceID: string;
  spans: { spanID: string }[];
  processes: Record<string, { serviceName: string }>;
}

/** A complete demo trace through the gateway (Zipkin/B3) and productpage (OTLP/W3C). */
async function mixedTrace(page: Page): Promise<JaegerTrace> {
  let found: JaegerTrace | undefined;
  await expect
    .poll(
      async () => {
        const res = await page.request.get('/api/traces?service=istio-ingressgateway.istio-system&lookback=5m&limit=50');
        const body = (await res.json()) as { data: JaegerTrace[] };
        found = body.data.find((t) => {
          const services = new Set(Object.values(t.processes).map((p) => p.serviceName));
          return services.has('productpage.bookinfo') && services.has('reviews.bookinfo') && t.spans.length >= 8;
        });
        return Boolean(found);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return found as JaegerTrace;
}

test('search shows demo traces with a scatter plot, and filters by service through the URL', async ({ page }) => {
  await page.goto('/traces');
  await expect(page.getByRole('heading', { name: 'Traces', level: 1 })).toBeVisible();
  await expect(page.getByTestId('trace-row').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('trace-scatter')).toBeVisible();
  await expect(page.getByTestId('scatter-dot').first()).toBeVisible();

  await page.getByLabel('Service').selectOption('reviews.bookinfo');
  await page.getByRole('button', { name: 'Find traces' }).click();
  await expect(page).toHaveURL(/service=reviews\.bookinfo/);
  const rows = page.getByTestId('trace-row');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  for (let i = 0; i < Math.min(count, 5); i++) await expect(rows.nth(i)).toContainText('reviews.bookinfo');

  // Sorting is view state in the URL; longest first really is longest first.
  await page.getByLabel('Sort').selectOption('longest');
  await expect(page).toHaveURL(/sort=longest/);
  const durations = await page.locator('[data-testid=trace-row] .tr-row-duration').allInnerTexts();
  const ms = durations.map((d) => (d.endsWith('ms') ? parseFloat(d) : d.endsWith('µs') ? parseFloat(d) / 1000 : parseFloat(d) * 1000));
  expect(ms).toEqual([...ms].sort((a, b) => b - a));

  // The search is bookmarkable: a reload keeps it.
  await page.reload();
  await expect(page.getByLabel('Service')).toHaveValue('reviews.bookinfo');
  await expect(page.getByLabel('Sort')).toHaveValue('longest');
});

test('a bad duration is reported inline and blocks the search', async ({ page }) => {
  await page.goto('/traces');
  // The service list arriving means the page is hydrated and owns its inputs.
  await expect.poll(() => page.getByLabel('Service').locator('option').count()).toBeGreaterThan(1);
  await page.getByLabel('Min duration').fill('soon');
  await expect(page.getByText('a duration such as 100ms or 1.5s')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Find traces' })).toBeDisabled();
});

test('one trace spans B3 and W3C workloads, with span tree, critical path, details and graph links', async ({ page }) => {
  const trace = await mixedTrace(page);
  await page.goto(`/traces/${trace.traceID}`);
  const timeline = page.getByTestId('span-timeline');
  await expect(timeline).toBeVisible();
  const rows = page.getByTestId('span-row');
  await expect(rows).toHaveCount(trace.spans.length);
  await expect(timeline).toContainText('istio-ingressgateway.istio-system');
  await expect(timeline).toContainText('productpage.bookinfo');
  await expect(page.locator('[data-testid=span-row][data-critical=true]').first()).toBeVisible();

  // Collapsing the root hides everything under it; expanding brings it back.
  await page.getByRole('button', { name: /^Collapse istio-ingressgateway/ }).first().click();
  await expect(rows).toHaveCount(1);
  await page.getByRole('button', { name: /^Expand istio-ingressgateway/ }).first().click();
  await expect(rows).toHaveCount(trace.spans.length);

  // Details of a reviews span, selected through the URL so the view is shareable.
  const reviews = rows.filter({ hasText: 'reviews.bookinfo' }).first();
  await reviews.locator('.tr-span-name').click();
  const details = page.getByTestId('span-details');
  await expect(details).toBeVisible();
  await expect(details.getByRole('table', { name: 'Span tags' })).toContainText('istio.canonical_service');
  await expect(page).toHaveURL(/span=[0-9a-f]{16}/);
  const link = details.getByTestId('graph-link');
  await expect(link).toHaveAttribute('href', /^\/graph\?namespaces=bookinfo&graphType=versionedApp&focus=[a-z]+$/);
  await page.reload();
  await expect(page.getByTestId('span-details')).toBeVisible();

  await page.screenshot({ path: test.info().outputPath('trace-view.png'), fullPage: true });
});

test('a 64-bit id opens the same trace, and an unknown id says not found', async ({ page }) => {
  const trace = await mixedTrace(page);
  if (trace.traceID.startsWith('0000000000000000')) {
    await page.goto(`/traces/${trace.traceID.slice(16)}`);
    await expect(page.getByTestId('trace-id')).toHaveText(trace.traceID);
  }
  await page.goto('/traces/ffffffffffffffffffffffffffffffff');
  await expect(page.getByRole('alert').filter({ hasText: 'Not found' })).toBeVisible();
});
