import { defineConfig, devices } from '@playwright/test';

// Browser tests run the real app: `bin/meshlens serve` (API + Next + the Bookinfo demo) on a test port,
// driven by Debian's Chromium (never a downloaded browser). Set MESHLENS_E2E_URL to test a server you
// already run (e.g. `npm run dev`), skipping the webServer start.
// MESHLENS_E2E_PORT lets two checkouts run their suites side by side.
const PORT = Number(process.env.MESHLENS_E2E_PORT ?? 3137);
const external = process.env.MESHLENS_E2E_URL;
const baseURL = external ?? `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } } }],
  webServer: external
    ? undefined
    : {
        command: `node bin/meshlens serve --port ${PORT} --data-dir .meshlens-e2e-${PORT}`,
        url: `${baseURL}/api/health`,
        reuseExistingServer: !process.env.CI,
        // The first start runs `next build` on 2 slow cores.
        timeout: 600_000,
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          NEXT_TELEMETRY_DISABLED: '1',
          MESHLENS_SCRAPE_INTERVAL: '1s',
          MESHLENS_DEMO_RPS: '10',
        },
      },
});
