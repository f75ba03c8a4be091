import { expect, type Locator, type Page } from '@playwright/test';

/** The home page, by roles and test ids. */
export class OverviewPage {
  readonly heading: Locator;
  readonly nav: Locator;
  readonly demoStatus: Locator;
  readonly scrapeTargets: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Overview' });
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.demoStatus = page.getByTestId('demo-status');
    this.scrapeTargets = page.getByTestId('scrape-targets');
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.heading).toBeVisible();
    // The status light is filled in by client code: once it says something, the page is hydrated and keys work.
    await expect(this.page.getByTestId('server-status')).not.toHaveAttribute('data-state', 'checking');
  }

  namespace(name: string): Locator {
    return this.page.getByTestId(`namespace-${name}`);
  }

  workloadRow(name: string): Locator {
    return this.page.getByTestId('workload-row').filter({ hasText: name });
  }
}
