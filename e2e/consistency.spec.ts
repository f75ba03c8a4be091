import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';

/*
 * One truth, as a person checks it: apply a 50% abort on reviews in the fault wizard, then read the same error rate
 * on the service page, the graph's side panel and the overview. Every page shows lib/traffic's figures over a 60 s
 * window, read a few seconds apart: with ~10 requests/s to reviews the figures share almost all their requests, so
 * they must agree within 3 points (the statistical noise of a 50% rate over 600 requests is 2 points; the
 * seconds between reads move it less).
 */

const TOLERANCE_PTS = 3;
const SHIFT = '/api/namespaces/bookinfo/services/reviews/traffic-shift';

async function percentIn(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).first().textContent()) ?? '';
  const m = /([\d.]+)%/.exec(text);
  return m ? Number(m[1]) : NaN;
}

test.afterAll(async ({ request }) => {
  // Back to the demo's split without a fault (other specs share this server).
  await request.put(SHIFT, { headers: { 'x-meshlens-csrf': '1' }, data: { weights: { v1: 80, v2: 10, v3: 10 } } });
});

test('a fault applied in the wizard reads the same on the service page, the graph side panel and the overview', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto('/services/bookinfo/reviews?tool=fault&window=1m');
  const wizard = page.getByTestId('wizard-fault');
  await wizard.getByRole('checkbox', { name: 'Abort' }).check();
  await wizard.getByRole('group', { name: 'Abort' }).getByRole('textbox', { name: 'Share of requests (%)' }).fill('50');
  await expect(wizard.getByTestId('validation-verdict')).toContainText('Valid');
  await wizard.getByTestId('wizard-apply').click();
  await expect(wizard.getByRole('status').filter({ hasText: 'Applied' })).toBeVisible();
  await expect(page.getByTestId('routing-summary')).toContainText('fail with 503 (50%)');

  // Wait until the 60 s window holds only faulted traffic: the service page's figure settles near half.
  await expect.poll(() => percentIn(page, 'stat-errors'), { timeout: 120_000, intervals: [5_000] }).toBeGreaterThan(40);
  await page.waitForTimeout(65_000);
  await expect(page.getByTestId('unserved-note')).toContainText('aborted by fault injection (FI) before reaching any version');
  const onService = await percentIn(page, 'stat-errors');
  await page.screenshot({ path: testInfo.outputPath('service-under-fault.png'), fullPage: true });

  await page.goto(`/graph?namespaces=bookinfo&graphType=versionedApp&duration=60s&selected=${encodeURIComponent('svc:Kubernetes:bookinfo:reviews')}`);
  const panel = page.getByTestId('side-panel');
  await expect(panel.getByTestId('item-figures')).toBeVisible({ timeout: 45_000 });
  await expect(panel.getByTestId('health-reason')).toContainText('(FI');
  const onGraph = await percentIn(page, 'fig-errors-in');
  await page.screenshot({ path: testInfo.outputPath('graph-side-panel.png'), fullPage: true });

  await page.goto('/');
  await expect(page.getByTestId('ov-svc-errors-reviews')).toBeVisible({ timeout: 30_000 });
  const onOverview = await percentIn(page, 'ov-svc-errors-reviews');
  await page.screenshot({ path: testInfo.outputPath('overview-under-fault.png'), fullPage: true });

  testInfo.annotations.push({ type: 'figures', description: `service page ${onService}%, graph side panel ${onGraph}%, overview ${onOverview}%` });
  expect(onService).toBeGreaterThan(35);
  expect(Math.abs(onGraph - onService)).toBeLessThanOrEqual(TOLERANCE_PTS);
  expect(Math.abs(onOverview - onService)).toBeLessThanOrEqual(TOLERANCE_PTS);

  // Undo the fault from the service page.
  await page.goto('/services/bookinfo/reviews');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('routing-summary')).not.toContainText('fail with 503');
});

test('reviews v2 says why it is degraded: its calls to ratings', async ({ page, request }, testInfo) => {
  test.setTimeout(150_000);
  // Make ratings fail: a 50% abort on ratings fails reviews v2's and v3's calls at their own proxies (FI), while
  // reviews v2 answers its own callers fine. Its state must name the outbound calls to ratings as the cause.
  const RATINGS = '/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService/ratings';
  const before = (await (await request.get(RATINGS)).json()) as { object: { spec: { http: Record<string, unknown>[] } } };
  const faulted = structuredClone(before.object);
  faulted.spec.http = faulted.spec.http.map((r) => ({ ...r, fault: { abort: { httpStatus: 503, percentage: { value: 50 } } } }));
  const put = await request.put(RATINGS, { headers: { 'x-meshlens-csrf': '1' }, data: faulted });
  expect(put.status(), await put.text()).toBe(200);
  try {
    await page.goto(`/graph?namespaces=bookinfo&graphType=versionedApp&duration=60s&refresh=5s&selected=${encodeURIComponent('vapp:Kubernetes:bookinfo:reviews-v2')}`);
    const panel = page.getByTestId('side-panel');
    await expect(panel.getByTestId('item-figures')).toBeVisible({ timeout: 45_000 });
    await expect(panel.getByTestId('health-reason')).toContainText(/^(Degraded|Failure): [\d.]+% 5xx \(FI\) on calls to ratings/, { timeout: 90_000 });
    await expect(panel.getByTestId('fig-errors-in')).toHaveText('0.0%');
    await expect(panel.getByTestId('fig-errors-out')).toContainText('(FI)');
    await page.screenshot({ path: testInfo.outputPath('reviews-v2-side-panel.png'), fullPage: true });
  } finally {
    const now = (await (await request.get(RATINGS)).json()) as { object: { metadata: Record<string, unknown> } };
    await request.put(RATINGS, { headers: { 'x-meshlens-csrf': '1' }, data: { ...before.object, metadata: now.object.metadata } });
  }
});
