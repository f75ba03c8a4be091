import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { expect, test } from './fixtures/test';

// A token-mode Meshlens of its own (the shared web server runs anonymous on loopback), with a fake Kubernetes
// API deciding who is who: server/auth/testing/e2e-auth-server.ts. It serves the same production build.
const READY = 'meshlens-auth-e2e-ready';
let child: ChildProcess | undefined;
let base = '';

test.beforeAll(async () => {
  // Against an external dev server (MESHLENS_E2E_URL) there may be no production build for this server to use.
  test.skip(!existsSync('.next/BUILD_ID'), 'needs a production build (node bin/meshlens build)');
  test.setTimeout(180_000);
  child = spawn(process.execPath, ['--import', 'tsx', 'server/auth/testing/e2e-auth-server.ts'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  base = await new Promise<string>((resolve, reject) => {
    child?.once('exit', (code) => reject(new Error(`the auth test server exited with ${code}`)));
    lines.on('line', (line) => {
      if (line.startsWith(READY)) resolve((JSON.parse(line.slice(READY.length)) as { url: string }).url);
    });
  });
});

test.afterAll(() => {
  child?.kill('SIGTERM');
});

test.describe('sign-in (token mode)', () => {
  // The first sign-in attempt is refused on purpose (401), which the browser reports as a failed resource.
  test.use({ allowConsoleErrors: [/401 \(Unauthorized\)/] });

  test('sends a signed-out visitor to the sign-in page, refuses a bad token, signs in and goes back', async ({ page, context }) => {
    const first = await page.goto(`${base}/config?namespaces=bookinfo`);
    await expect(page).toHaveURL(`${base}/login?next=${encodeURIComponent('/config?namespaces=bookinfo')}`);
    expect(first?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(first?.headers()['x-frame-options']).toBe('DENY');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

    const field = page.getByLabel('Bearer token');
    await expect(field).toHaveAttribute('type', 'password');
    await field.fill('not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'did not accept' })).toContainText('The cluster did not accept this token');
    await expect(field).toHaveAttribute('aria-invalid', 'true');

    await field.fill('e2e-viewer-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${base}/config?namespaces=bookinfo`);

    const cookie = (await context.cookies(base)).find((c) => c.name === 'meshlens-session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', secure: false });
    expect(cookie?.value).not.toContain('e2e-viewer-token');

    // The viewer's view: only the namespace the cluster lets her list.
    const ns = await page.request.get(`${base}/api/namespaces`);
    expect(((await ns.json()) as { name: string }[]).map((n) => n.name)).toEqual(['bookinfo']);
    const info = await page.request.get(`${base}/api/auth/info`);
    expect(await info.json()).toMatchObject({ strategy: 'token', user: { name: 'viewer@example.com' } });

    // The sign-in page knows who is signed in.
    await page.goto(`${base}/login`);
    await expect(page.getByTestId('auth-current-user')).toContainText('viewer@example.com');

    // Sign out (as the user menu does): the next page visit goes back to sign-in.
    const out = await page.request.post(`${base}/api/auth/logout`, { headers: { 'x-meshlens-csrf': '1', origin: base } });
    expect(out.status()).toBe(200);
    await page.goto(`${base}/graph`);
    await expect(page).toHaveURL(`${base}/login?next=%2Fgraph`);
    // Next's own client fetches get an empty 204 instead of a redirect a fetch would trip over.
    const rsc = await page.request.get(`${base}/graph?_rsc=abc`, { headers: { rsc: '1' }, maxRedirects: 0 });
    expect(rsc.status()).toBe(204);
  });

  test.describe('pages under the content security policy', () => {
    // The test server runs no demo mesh, so some data calls fail; a CSP violation is a different console error.
    test.use({ allowConsoleErrors: [/Failed to load resource|Executing inline event handler violates/] });

    for (const path of ['/', '/graph?namespaces=bookinfo', '/traces', '/config', '/services/bookinfo/reviews']) {
      test(`${path} renders with scripts and styles allowed by the CSP`, async ({ page }) => {
        const res = await page.request.post(`${base}/api/auth/login`, { data: { token: 'e2e-viewer-token' }, headers: { 'x-meshlens-csrf': '1', origin: base } });
        expect(res.status()).toBe(200);
        const violations: string[] = [];
        page.on('console', (m) => {
          if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
        });
        const answer = await page.goto(base + path);
        const csp = answer?.headers()['content-security-policy'] ?? '';
        // Scripts by this answer's nonce only: no 'unsafe-inline'.
        expect(csp.split('; ').find((d) => d.startsWith('script-src'))).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'$/);
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        expect(violations).toEqual([]);
        // Markup injected the way XSS gets in (an inline event handler) does not run.
        const ran = await page.evaluate(async () => {
          const div = document.createElement('div');
          div.innerHTML = '<img src="data:," onload="window.__injected = true" onerror="window.__injected = true">';
          document.body.appendChild(div);
          await new Promise((r) => setTimeout(r, 300));
          return (window as unknown as { __injected?: boolean }).__injected === true;
        });
        expect(ran).toBe(false);
      });
    }
  });
});
