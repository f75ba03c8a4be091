import { expect, test } from './fixtures/test';
import { OverviewPage } from './pages/overview-page';

test.describe('overview', () => {
  test('shows the demo, its namespaces and workloads, and scrape health', async ({ page }) => {
    const home = new OverviewPage(page);
    await home.goto();

    await expect(page).toHaveTitle(/Overview · Meshlens/);
    for (const name of ['Overview', 'Graph', 'Traces', 'Istio Config']) {
      await expect(home.nav.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await expect(home.nav.getByRole('link', { name: 'Overview', exact: true })).toHaveAttribute('aria-current', 'page');

    await expect(home.demoStatus).toHaveAttribute('data-running', 'true');
    await expect(home.namespace('bookinfo')).toBeVisible();
    for (const w of ['productpage-v1', 'details-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'ratings-v1']) {
      await expect(home.workloadRow(w)).toBeVisible();
    }
    // Live traffic per namespace (lib/traffic via /api/overview/traffic): every hop and entry requests said apart.
    await expect(home.namespace('bookinfo').getByTestId('ns-in-bookinfo')).toHaveText(/^\d+(\.\d+)?k? rps in$/, { timeout: 30_000 });
    await expect(home.namespace('bookinfo').getByText(/^\d+(\.\d+)?k? rps entry$/)).toBeVisible();
    // The gateway's namespace receives nothing it can see but sends: never "no requests".
    await expect(home.namespace('istio-system').getByTestId('ns-out-istio-system')).toHaveText(/^\d+(\.\d+)?k? rps out$/);
    await expect(home.namespace('istio-system').getByText('no traffic')).toHaveCount(0);
    // The demo has a caller without a sidecar (CONTRACT §5): it must be flagged.
    await expect(home.namespace('bookinfo').getByText('Missing').first()).toBeVisible();

    await expect(home.scrapeTargets.getByTestId('scrape-target-row').first()).toBeVisible();
    await expect(home.scrapeTargets.locator('[data-testid="scrape-target-row"][data-up="true"]').first()).toBeVisible();
    // Targets are named after the workload serving them.
    await expect(home.scrapeTargets.getByRole('cell', { name: 'bookinfo/productpage-v1' })).toBeVisible();

    await page.screenshot({ path: test.info().outputPath('overview.png'), fullPage: true });

    // A workload links to the workload graph with itself found.
    await home.workloadRow('reviews-v2').getByRole('link', { name: 'reviews-v2' }).click();
    await expect(page).toHaveURL(/\/graph\?namespaces=bookinfo&graphType=workload.*find=workload/);
    await expect(page.getByText(/^1 found$/)).toBeVisible({ timeout: 30_000 });
  });

  test('keyboard: g then g goes to the graph, ? opens the shortcut help', async ({ page }) => {
    const home = new OverviewPage(page);
    await home.goto();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
    await page.keyboard.press('g');
    await page.keyboard.press('g');
    await expect(page).toHaveURL(/\/graph/);
  });
});
