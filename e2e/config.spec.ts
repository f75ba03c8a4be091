import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures/test';

/*
 * The Istio config pages on the demo mesh: a person fixes a broken VirtualService guided by the editor's
 * markers, saves after reviewing the diff, sees the error count drop, and undoes the fix from the history;
 * an edit racing someone else's is caught as a conflict; an object is created from YAML and deleted.
 */

// 409 and 422 answers are part of these stories; the browser logs them as failed loads.
test.use({ allowConsoleErrors: [/status of (409|422)/] });

const VS = '/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService';
const WRITE = { 'x-meshlens-csrf': '1' };

interface Stored {
  object: { spec: { http: { route: { destination: { host: string; subset?: string }; weight?: number }[]; timeout?: string }[] } } & Record<string, unknown>;
  resourceVersion: string;
}

async function getVs(request: APIRequestContext, name: string): Promise<Stored> {
  const res = await request.get(`${VS}/${name}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Stored;
}

/** Sets a VirtualService's route subsets (force: even when that adds errors) — someone else's edit, through the API. */
async function setSubsets(request: APIRequestContext, name: string, subsets: string[]) {
  const cur = await getVs(request, name);
  const route = cur.object.spec.http[0]?.route ?? [];
  subsets.forEach((s, i) => {
    const r = route[i];
    if (r) r.destination.subset = s;
  });
  const res = await request.put(`${VS}/${name}?force=true`, { headers: WRITE, data: cur.object });
  expect(res.status(), await res.text()).toBe(200);
}

async function errorCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('count-errors').textContent()) ?? '';
  return Number(/\d+/.exec(text)?.[0] ?? NaN);
}

const editor = (page: Page) => page.getByTestId('yaml-editor').locator('.cm-content');

test('fix a broken VirtualService guided by the markers, review the diff, save, then undo from history', async ({ page, request }) => {
  const original = (await getVs(request, 'reviews')).object.spec.http[0]?.route.map((r) => r.destination.subset ?? '') ?? [];
  const broken = original.map((s, i) => (i === original.length - 1 ? 'v4' : s));
  await setSubsets(request, 'reviews', broken);
  try {
    await page.goto('/config');
    await expect(page.getByRole('heading', { name: 'Istio Config', level: 1 })).toBeVisible();
    const row = page.getByTestId('config-row').filter({ hasText: 'VirtualService' }).filter({ has: page.getByRole('link', { name: 'reviews', exact: true }) });
    await expect(row).toHaveAttribute('data-status', 'error');
    await expect(row).toContainText('Referenced subset not found: "v4"');
    await expect.poll(() => errorCount(page)).toBeGreaterThan(0);
    const errorsBefore = await errorCount(page);

    // Filters live in the URL.
    await page.getByLabel('Status').selectOption('errors');
    await expect(page).toHaveURL(/status=errors/);
    await expect(page.getByTestId('config-row').first()).toHaveAttribute('data-status', 'error');

    await row.getByRole('link', { name: 'reviews' }).click();
    await expect(page).toHaveURL(/\/config\/bookinfo\/VirtualService\/reviews$/);
    await expect(page.getByRole('heading', { name: 'VirtualService bookinfo/reviews', level: 1 })).toBeVisible();

    // The marker sits on the offending field, and the problem list names it and its line.
    const marked = page.locator('.cm-line', { has: page.locator('.cm-lintRange-error') });
    await expect(marked).toHaveCount(1);
    await expect(marked).toContainText('subset: v4');
    await expect(marked.locator('.cm-lintRange-error')).toHaveText('subset');
    const problem = page.getByTestId('problem').filter({ hasText: 'Referenced subset not found: "v4"' });
    await expect(problem).toBeVisible();

    // Jump to it from the list and fix it by keyboard.
    await problem.getByRole('button', { name: /Go to line/ }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('3');
    await expect(marked).toHaveCount(0);
    await expect(page.getByTestId('problems-status')).toHaveText('No problems found');
    await expect(page.getByText('Unsaved changes')).toBeVisible();

    // Review: the diff against the stored object and a clean dry run, then save.
    await page.getByTestId('review-save').click();
    const review = page.getByTestId('review');
    await expect(review.getByTestId('review-diff')).toContainText('subset: v4');
    await expect(review.getByTestId('review-diff')).toContainText('subset: v3');
    await expect(review.getByTestId('dry-run-ok')).toBeVisible();
    await review.getByTestId('confirm-save').click();
    await expect(page.getByTestId('saved')).toBeVisible();
    await expect(page.getByText('Saved', { exact: true })).toBeVisible();
    const historyId = /history #(\d+)/.exec((await page.getByTestId('saved').textContent()) ?? '')?.[1];
    expect(historyId).toBeDefined();
    const afterFix = await getVs(request, 'reviews');
    expect(afterFix.object.spec.http[0]?.route.at(-1)?.destination.subset).toBe('v3');

    // The history shows the fix with its diff; undoing it would add the error back, so it asks first.
    const latest = page.locator(`[data-history-id="${historyId}"]`);
    await expect(latest).toContainText('edited');
    await expect(latest).toContainText('latest');
    await latest.getByRole('button', { name: 'Diff' }).click();
    await expect(latest.getByTestId('history-diff')).toContainText('+            subset: v3');
    await latest.getByRole('button', { name: 'Undo this change' }).click();
    await expect(latest.getByRole('alert')).toContainText('Referenced subset not found');
    await latest.getByRole('button', { name: 'Undo anyway' }).click();
    // With no unsaved edits the editor follows the server, markers included.
    await expect(page.locator('.cm-line', { has: page.locator('.cm-lintRange-error') })).toContainText('subset: v4');
    await expect(page.getByTestId('history-entry').first()).toContainText('rolled back');

    await page.getByRole('link', { name: 'All config' }).click();
    await expect.poll(() => errorCount(page)).toBe(errorsBefore);
  } finally {
    await setSubsets(request, 'reviews', original);
  }
});

test('the list\'s error count follows a fix made elsewhere without a reload', async ({ page, request }) => {
  const original = (await getVs(request, 'reviews')).object.spec.http[0]?.route.map((r) => r.destination.subset ?? '') ?? [];
  await setSubsets(request, 'reviews', original.map((s, i) => (i === 0 ? 'v9' : s)));
  try {
    await page.goto('/config?kinds=VirtualService');
    await expect.poll(() => errorCount(page)).toBeGreaterThan(0);
    const before = await errorCount(page);
    await setSubsets(request, 'reviews', original);
    // The list polls, so a fix made anywhere shows up without a reload.
    await expect.poll(() => errorCount(page), { timeout: 20_000 }).toBe(before - 1);
  } finally {
    await setSubsets(request, 'reviews', original);
  }
});

test('an edit racing someone else is caught as a conflict, compared, and saved knowingly', async ({ page, request }) => {
  const start = await getVs(request, 'ratings');
  try {
    await page.goto('/config/bookinfo/VirtualService/ratings');
    await expect(editor(page)).toContainText('host: ratings');
    await editor(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n# mine');

    // Someone else saves first.
    const theirs = structuredClone(start.object);
    const http = theirs.spec.http[0];
    if (http) http.timeout = '7s';
    const res = await request.put(`${VS}/ratings`, { headers: WRITE, data: theirs });
    expect(res.status()).toBe(200);

    await page.getByTestId('review-save').click();
    const conflict = page.getByTestId('conflict');
    await expect(conflict).toContainText('Changed by someone else');
    await conflict.getByRole('button', { name: 'Compare with their version' }).click();
    await expect(conflict.getByTestId('conflict-diff')).toContainText('timeout: 7s');
    await conflict.getByRole('button', { name: /Keep mine/ }).click();
    await page.getByTestId('review').getByTestId('confirm-save').click();
    await expect(page.getByTestId('saved')).toBeVisible();
    const now = await getVs(request, 'ratings');
    expect(now.object.spec.http[0]?.timeout).toBeUndefined();
  } finally {
    const cur = await getVs(request, 'ratings');
    await request.put(`${VS}/ratings?force=true`, { headers: WRITE, data: { ...start.object, metadata: { ...(start.object.metadata as object), resourceVersion: cur.resourceVersion } } });
  }
});

test('create an object from YAML (refused at first: it adds an error), then delete it', async ({ page, request }) => {
  await request.delete(`${VS}/my-virtualservice`, { headers: WRITE });
  await page.goto('/config');
  await page.getByTestId('new-object').click();
  await expect(page.getByRole('heading', { name: 'New Istio object', level: 1 })).toBeVisible();
  await expect(editor(page)).toContainText('name: my-virtualservice');
  // The template routes to reviews, which already has a VirtualService: the live check says so...
  await expect(page.getByTestId('problem').first()).toContainText('IST0109');
  // ...and so does the server, which refuses until told to create it anyway.
  await page.getByTestId('create').click();
  await expect(page.getByTestId('refused')).toContainText('would add errors');
  await page.getByRole('button', { name: 'Create anyway' }).click();
  await expect(page).toHaveURL(/\/config\/bookinfo\/VirtualService\/my-virtualservice$/);
  await expect(page.getByTestId('history-entry').first()).toContainText('created');
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('button', { name: 'Really delete' }).click();
  await expect(page).toHaveURL(/\/config$/);
  expect((await request.get(`${VS}/my-virtualservice`)).status()).toBe(404);
});

test('list filters are bookmarkable, / focuses the search, and an empty result says how to get out', async ({ page }) => {
  await page.goto('/config?kinds=DestinationRule&q=nothing-matches-this');
  await expect(page.getByTestId('filter-kind')).toContainText('DestinationRule');
  await expect(page.getByText('Nothing matches the filters')).toBeVisible();
  await page.getByRole('button', { name: 'Clear status and search' }).click();
  await expect(page.getByTestId('config-row').first()).toBeVisible();
  await expect(page).toHaveURL(/\/config\?kinds=DestinationRule$/);
  for (const row of await page.getByTestId('config-row').all()) await expect(row).toContainText('DestinationRule');

  await page.locator('body').click();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
  await page.keyboard.type('reviews');
  await expect(page).toHaveURL(/q=reviews/);
  await expect(page.getByTestId('config-row')).toHaveCount(1);
});

test('a change that adds an error is refused at review and can be saved anyway', async ({ page, request }) => {
  const start = await getVs(request, 'details');
  const subsets = start.object.spec.http[0]?.route.map((r) => r.destination.subset ?? '') ?? [];
  try {
    await page.goto('/config/bookinfo/VirtualService/details');
    await page.locator('.cm-line', { hasText: /subset: v\d/ }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('9');
    await expect(page.getByTestId('problem').filter({ hasText: 'Referenced subset not found: "v9"' })).toBeVisible();
    await page.getByTestId('yaml-editor').locator('.cm-content').press('Control+s');
    const review = page.getByTestId('review');
    await expect(review.getByTestId('refused')).toContainText('would add an error');
    await expect(review.getByTestId('confirm-save')).toHaveCount(0);
    await review.getByRole('button', { name: 'Save anyway' }).click();
    await expect(page.getByTestId('saved')).toBeVisible();
    expect((await getVs(request, 'details')).object.spec.http[0]?.route[0]?.destination.subset).toBe('v9');
  } finally {
    await setSubsets(request, 'details', subsets);
  }
});

test('the editor completes field names from the Istio schema', async ({ page }) => {
  await page.goto('/config/bookinfo/VirtualService/ratings');
  await page.locator('.cm-line', { hasText: 'host: ratings' }).first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  // Asked for on an empty line: the destination's fields, minus those already there.
  await page.keyboard.press('Control+Space');
  const options = page.locator('.cm-tooltip-autocomplete li');
  await expect(options.filter({ hasText: /^port/ })).toBeVisible();
  await expect(options.filter({ hasText: /^subset/ })).toHaveCount(0);
  await expect(options.filter({ hasText: /^host/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  // While typing, the list narrows to what matches.
  await page.keyboard.type('po');
  await expect(options.filter({ hasText: /^port/ })).toBeVisible();
  // CodeMirror ignores Enter for 75 ms after the list (re)opens, so a fast typist does not accept by accident.
  await page.waitForTimeout(200);
  await page.keyboard.press('Enter');
  await expect(page.locator('.cm-line', { hasText: /^\s*port:$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.locator('.cm-line', { hasText: /^\s*port:$/ })).toHaveCount(0);
});

test('the change history lists changes across objects, linked to their editors', async ({ page, request }) => {
  const cur = await getVs(request, 'ratings');
  const res = await request.put(`${VS}/ratings`, { headers: WRITE, data: { ...cur.object, metadata: { ...(cur.object.metadata as object), resourceVersion: cur.resourceVersion } } });
  expect(res.status()).toBe(200);
  const { historyId } = (await res.json()) as { historyId: number };
  await page.goto('/config');
  await page.getByRole('link', { name: 'Change history' }).click();
  await expect(page.getByRole('heading', { name: 'Config change history', level: 1 })).toBeVisible();
  const entry = page.locator(`[data-history-id="${historyId}"]`);
  await expect(entry).toContainText('edited');
  await entry.getByRole('link', { name: 'VirtualService bookinfo/ratings' }).click();
  await expect(page).toHaveURL(/\/config\/bookinfo\/VirtualService\/ratings$/);
});
