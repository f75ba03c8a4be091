import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures/test';
import { GraphPage } from './pages/graph-page';

// The real app on the demo mesh (Bookinfo, CONTRACT §5): nothing intercepted.
test.describe('graph on the Bookinfo demo', () => {
  test('shows the nodes; selecting an edge shows its rate in the side panel', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    await graph.waitForNodes(7);

    const nodes = await graph.nodeIds();
    for (const w of ['productpage-v1', 'details-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'ratings-v1']) {
      expect(nodes.some((id) => id.endsWith(`:${w}`) || id.includes(`:${w.replace(/-v\d$/, '')}:`))).toBe(true);
    }
    // The accessible summary says what the canvas shows.
    await expect(page.getByTestId('graph-summary-text')).toContainText(/\d+ nodes, \d+ edges/);
    await expect(graph.sidePanel.getByTestId('graph-summary')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('graph-bookinfo.png') });

    // productpage calls reviews: the busiest edge of the demo, always present.
    const edge = (await graph.edgeIds()).find((id) => /productpage[^>]*>[^>]*reviews/.test(id));
    expect(edge, 'an edge from productpage to reviews').toBeDefined();
    await graph.clickElement(edge as string);
    const details = graph.sidePanel.getByTestId('edge-details');
    await expect(details).toBeVisible();
    await expect(details.getByTestId('details-title')).toContainText('productpage');
    await expect(details.getByTestId('edge-rate')).toHaveText(/^\d+(\.\d+)? rps$/);
    const rate = Number((await details.getByTestId('edge-rate').textContent())?.split(' ')[0]);
    expect(rate).toBeGreaterThan(0);
    await expect(page).toHaveURL(/selected=/);
    // Charts come from the per-edge metrics endpoint.
    await expect(details.getByRole('img', { name: /Requests\/s/ })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('graph-edge-selected.png') });
  });

  test('a refresh keeps the same Cytoscape instance and node positions', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto('namespaces=bookinfo&graphType=versionedApp&duration=60s&refresh=5s');
    await graph.waitForNodes(7);
    await page.waitForTimeout(1500); // let the first layout settle
    const before = await page.evaluate(() => {
      const h = window.__meshlensGraph;
      (h as unknown as { marker?: number }).marker = 42;
      return h?.nodeIds().map((id) => [id, h.clientPoint(id)]);
    });
    const updated = await page.getByTestId('graph-updated').textContent();
    await expect(page.getByTestId('graph-updated')).not.toHaveText(updated ?? '', { timeout: 20_000 });
    const after = await page.evaluate(() => {
      const h = window.__meshlensGraph;
      return { marker: (h as unknown as { marker?: number }).marker, points: h?.nodeIds().map((id) => [id, h.clientPoint(id)]) };
    });
    expect(after.marker).toBe(42);
    expect(Object.fromEntries(after.points ?? [])).toEqual(Object.fromEntries(before ?? []));
  });

  test('view state lives in the URL; find highlights, hide removes', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto('namespaces=bookinfo&graphType=workload&duration=5m&layout=fcose&hide=name%20%3D%20ratings');
    await graph.waitForNodes(4);
    await expect(page.getByLabel('Window')).toHaveValue('5m');
    await expect(page.getByLabel('Layout')).toHaveValue('fcose');
    await expect(page.getByLabel('Graph type')).toHaveValue('workload');
    // `name` matches the app, workload and service: the ratings service and workload are both hidden.
    await expect.poll(async () => (await graph.visibleIds()).filter((id) => id.includes('ratings'))).toEqual([]);
    expect((await graph.nodeIds()).some((id) => id.includes('ratings'))).toBe(true);

    // The canvas takes the keyboard: arrows pan, + zooms.
    await graph.canvas.focus();
    const zoom = await page.evaluate(() => window.__meshlensGraph?.zoom() ?? 0);
    await page.keyboard.press('+');
    await expect.poll(() => page.evaluate(() => window.__meshlensGraph?.zoom() ?? 0)).toBeGreaterThan(zoom);

    await page.keyboard.press('/');
    await expect(graph.find).toBeFocused();
    await page.keyboard.type('name contains reviews');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/find=name\+contains\+reviews/);
    await expect(page.getByText(/^\d+ found$/)).toBeVisible();
  });

  test('exports the graph as PNG and as the API JSON', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    await graph.waitForNodes(7);

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG', exact: true }).click()]);
    expect(png.suggestedFilename()).toMatch(/^meshlens-graph-bookinfo-\d{8}-\d{6}\.png$/);
    const pngBytes = readFileSync((await png.path()) as string);
    expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
    expect(pngBytes.length).toBeGreaterThan(5_000);

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'JSON', exact: true }).click()]);
    const body = JSON.parse(readFileSync((await json.path()) as string, 'utf8')) as { graphType: string; elements: { nodes: unknown[] } };
    expect(body.graphType).toBe('versionedApp');
    expect(body.elements.nodes.length).toBe((await graph.nodeIds()).length);
  });

  test('boxes group namespaces and apps', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto('namespaces=bookinfo,istio-system&graphType=versionedApp&duration=60s&boxBy=namespace,app');
    await graph.waitForNodes(9);
    await expect(page.getByLabel('Group')).toHaveValue('namespace,app');
    const ids = await graph.nodeIds();
    expect(ids.filter((id) => id.startsWith('box:')).length).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: test.info().outputPath('graph-boxes.png') });
  });

  test('the WebGL renderer (forced) draws and selects the same graph', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto('namespaces=bookinfo&graphType=versionedApp&duration=60s&renderer=webgl');
    await graph.waitForNodes(7);
    await expect(graph.canvas).toHaveAttribute('data-renderer', 'webgl');
    const edge = (await graph.edgeIds()).find((id) => /productpage[^>]*>[^>]*details/.test(id));
    expect(edge).toBeDefined();
    await graph.clickElement(edge as string);
    await expect(graph.sidePanel.getByTestId('edge-rate')).toHaveText(/ rps$/);
    await page.screenshot({ path: test.info().outputPath('graph-webgl.png') });
  });

  test('pickers: namespaces and graph type change the URL and the graph', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    await graph.waitForNodes(7);
    await page.getByTestId('namespace-picker').click();
    await page.getByRole('checkbox', { name: 'istio-system' }).click();
    await expect(page.getByRole('checkbox', { name: 'istio-system' })).toBeChecked();
    await expect(page).toHaveURL(/namespaces=bookinfo,istio-system/);
    await page.keyboard.press('Escape');
    await page.getByLabel('Graph type').selectOption('service');
    await expect(page).toHaveURL(/graphType=service/);
    // A service graph has only service nodes (plus unknown/gateway sources).
    await expect.poll(async () => (await graph.nodeIds()).some((id) => id.startsWith('vapp:'))).toBe(false);
    await page.getByLabel('Window').selectOption('5m');
    await expect(page).toHaveURL(/duration=5m/);
    await page.reload();
    await expect(page.getByLabel('Graph type')).toHaveValue('service');
    await expect(page.getByLabel('Window')).toHaveValue('5m');
  });
});
