import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExposition } from '../../lib/metrics/exposition';
import { startApiServer, type ApiFixture } from '../testing/api-server';

const SHIFT = '/api/namespaces/bookinfo/services/reviews/traffic-shift';
type Shift = { weights: Record<string, number>; versions: string[]; virtualService?: { object: { spec: { http: { route: { destination: { subset: string }; weight: number }[] }[] } } }; destinationRule?: { object: { spec: { subsets: { name: string }[] } } }; error?: { message: string } };

function get(port: number, p: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: p, headers }, (res) => {
      let b = '';
      res.on('data', (c: Buffer) => (b += c));
      res.on('end', () => resolve(b));
    }).on('error', reject);
  });
}

describe('traffic-shift API on the demo mesh', () => {
  let f: ApiFixture;
  let gatewayPort = 0;
  let productpagePort = 0;
  beforeAll(async () => {
    f = await startApiServer({ demo: true, demoRps: 0 });
    const w = f.server.core.demo?.workloads() ?? [];
    gatewayPort = w.find((x) => x.name === 'istio-ingressgateway')?.port ?? 0;
    productpagePort = w.find((x) => x.name === 'productpage-v1')?.port ?? 0;
  });
  afterAll(() => f.close());

  const reviewsSplit = async () => {
    const samples = parseExposition(await get(productpagePort, '/stats/prometheus')).samples;
    const out: Record<string, number> = {};
    for (const s of samples) if (s.name === 'istio_requests_total' && s.labels.reporter === 'source' && s.labels.destination_app === 'reviews') out[s.labels.destination_version ?? ''] = (out[s.labels.destination_version ?? ''] ?? 0) + s.value;
    return out;
  };
  const pageLoads = async (n: number) => {
    for (let i = 0; i < n; i += 10) await Promise.all(Array.from({ length: 10 }, () => get(gatewayPort, '/productpage', { host: 'bookinfo.example.com' })));
  };

  it('reads the current split and the versions behind the service', async () => {
    const r = await f.call('GET', SHIFT);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ service: 'reviews', namespace: 'bookinfo', versions: ['v1', 'v2', 'v3'], weights: { v1: 80, v2: 10, v3: 10 }, virtualService: 'reviews', destinationRule: 'reviews' });
  });

  it('shifts reviews to 0/50/50 and the demo traffic follows', async () => {
    const before = await reviewsSplit();
    const r = await f.call('PUT', SHIFT, { weights: { v1: 0, v2: 50, v3: 50 } });
    expect(r.status).toBe(200);
    const body = r.body as Shift;
    expect(body.weights).toEqual({ v1: 0, v2: 50, v3: 50 });
    expect(body.virtualService?.object.spec.http[0]?.route.map((d) => [d.destination.subset, d.weight])).toEqual([['v1', 0], ['v2', 50], ['v3', 50]]);
    await new Promise((res) => setTimeout(res, 1000)); // the demo applies config within a second
    await pageLoads(200);
    const after = await reviewsSplit();
    const moved = Object.fromEntries(['v1', 'v2', 'v3'].map((v) => [v, (after[v] ?? 0) - (before[v] ?? 0)]));
    expect(moved.v1).toBe(0);
    expect(Math.abs((moved.v2 ?? 0) - 100)).toBeLessThan(25);
    const hist = (await f.call('GET', '/api/istio/history?name=reviews')).body as { entries: { action: string; summary: string }[] };
    expect(hist.entries[0]).toMatchObject({ action: 'traffic-shift', summary: 'reviews weights v1=0 v2=50 v3=50' });
  });

  it('dry-runs without writing', async () => {
    const r = await f.call('PUT', `${SHIFT}?dryRun=true`, { weights: { v1: 100 } });
    expect(r.status).toBe(200);
    expect(((await f.call('GET', SHIFT)).body as Shift).weights).toEqual({ v1: 0, v2: 50, v3: 50 });
  });

  it.each([
    [{ weights: { v1: 50, v2: 40 } }, 422, /sum to 100 \(got 90\)/],
    [{ weights: { v1: 50, v9: 50 } }, 422, /unknown version "v9"/],
    [{ weights: { v1: 100.5 } }, 422, /integer/],
    [{ weights: [100] }, 400, /weights/],
    [{}, 400, /weights/],
  ])('refuses %j with %d', async (body, status, message) => {
    const r = await f.call('PUT', SHIFT, body);
    expect(r.status).toBe(status);
    expect((r.body as Shift).error?.message).toMatch(message);
  });

  it('404s an unknown service and 400s malformed JSON', async () => {
    expect((await f.call('PUT', '/api/namespaces/bookinfo/services/nope/traffic-shift', { weights: { v1: 100 } })).status).toBe(404);
    const res = await fetch(f.url + SHIFT, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"weights":' });
    expect(res.status).toBe(400);
  });

  it('creates the DestinationRule subsets first when they are missing', async () => {
    expect((await f.call('DELETE', '/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService/details')).status).toBe(200);
    expect((await f.call('DELETE', '/api/namespaces/bookinfo/istio/networking.istio.io/v1/DestinationRule/details')).status).toBe(200);
    const r = await f.call('PUT', '/api/namespaces/bookinfo/services/details/traffic-shift', { weights: { v1: 100 } });
    expect(r.status).toBe(200);
    const body = r.body as Shift;
    expect(body.destinationRule?.object).toEqual({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'details', namespace: 'bookinfo' }, spec: { host: 'details', subsets: [{ name: 'v1', labels: { version: 'v1' } }] } });
    expect(body.virtualService?.object).toEqual({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'details', namespace: 'bookinfo' }, spec: { hosts: ['details'], http: [{ route: [{ destination: { host: 'details', subset: 'v1' }, weight: 100 }] }] } });
    const hist = (await f.call('GET', '/api/istio/history?limit=2')).body as { entries: { kind: string }[] };
    expect(hist.entries.map((e) => e.kind)).toEqual(['VirtualService', 'DestinationRule']); // newest first: DR was written first
  });
});
