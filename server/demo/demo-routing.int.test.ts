import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load, startDemoFixture, sum, type DemoFixture } from './demo-harness';

const REQ = 'istio_requests_total';

const reviewsVs = (routes: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
${routes}`;

/** Requests productpage sent to each reviews version (source reporter), since `since`. */
async function reviewsSplit(f: DemoFixture, since: Record<string, number> = {}): Promise<Record<string, number>> {
  const s = await f.stats('productpage-v1');
  const out: Record<string, number> = {};
  for (const v of ['v1', 'v2', 'v3']) out[v] = sum(s, REQ, { reporter: 'source', destination_workload: `reviews-${v}` }) - (since[v] ?? 0);
  return out;
}

async function istiod(f: DemoFixture, metric: string): Promise<number> {
  const text = await new Promise<string>((resolve, reject) => {
    http.get(`${f.demo.istiodUrl}/metrics`, (res) => {
      let b = '';
      res.on('data', (c: Buffer) => (b += c));
      res.on('end', () => resolve(b));
    }).on('error', reject);
  });
  return text.split('\n').filter((l) => l.startsWith(metric)).reduce((a, l) => a + Number(l.split(' ').pop()), 0);
}

describe('demo sidecars obey the config store', () => {
  let f: DemoFixture;
  beforeAll(async () => {
    f = await startDemoFixture({ seed: 3, tuning: { ratingsErrorRate: 0, reviewsV3ExtraMs: 80 } });
  });
  afterAll(() => f.close());

  it('splits reviews 80/10/10 within tolerance over many requests', async () => {
    await load(f, 1000, '/productpage', undefined, 32);
    const split = await reviewsSplit(f);
    const total = (split.v1 ?? 0) + (split.v2 ?? 0) + (split.v3 ?? 0);
    expect(total).toBe(1000);
    expect(Math.abs((split.v1 ?? 0) / total - 0.8)).toBeLessThan(0.04);
    expect(Math.abs((split.v2 ?? 0) / total - 0.1)).toBeLessThan(0.03);
    expect(Math.abs((split.v3 ?? 0) / total - 0.1)).toBeLessThan(0.03);
  });

  it('applies a weight change within one second and pushes it like istiod', async () => {
    const pushesBefore = await istiod(f, 'pilot_xds_pushes');
    const ms = await f.applyConfig('60-virtual-services.yaml', reviewsVs(`  - route:
    - {destination: {host: reviews, subset: v1}, weight: 0}
    - {destination: {host: reviews, subset: v2}, weight: 50}
    - {destination: {host: reviews, subset: v3}, weight: 50}
`));
    expect(ms).toBeLessThan(1000);
    const before = await reviewsSplit(f);
    await load(f, 400, '/productpage', undefined, 32);
    const split = await reviewsSplit(f, before);
    expect(split.v1).toBe(0);
    expect(Math.abs((split.v2 ?? 0) / 400 - 0.5)).toBeLessThan(0.08);
    expect(await istiod(f, 'pilot_xds_pushes')).toBeGreaterThan(pushesBefore);
    expect(await istiod(f, 'pilot_proxy_convergence_time_count')).toBeGreaterThan(0);
  });

  it('routes by header match (the logged-in user) before the weighted default', async () => {
    await f.applyConfig('60-virtual-services.yaml', reviewsVs(`  - match:
    - headers:
        end-user: {exact: jason}
    route:
    - destination: {host: reviews, subset: v2}
  - route:
    - destination: {host: reviews, subset: v1}
`));
    const before = await reviewsSplit(f);
    await load(f, 30, '/productpage', { cookie: 'session=jason' });
    await load(f, 30);
    const split = await reviewsSplit(f, before);
    expect(split).toEqual({ v1: 30, v2: 30, v3: 0 });
  });

  it('injects aborts (FI) and delays (DI) by percentage', async () => {
    await f.applyConfig('60-virtual-services.yaml', reviewsVs(`  - fault:
      abort: {httpStatus: 418, percentage: {value: 100}}
    route:
    - destination: {host: reviews, subset: v1}
`));
    await load(f, 10);
    const pp = await f.stats('productpage-v1');
    expect(sum(pp, REQ, { reporter: 'source', destination_service_name: 'reviews', response_code: '418', response_flags: 'FI' })).toBe(10);
    // An aborted request never reaches a pod: the destination is unknown.
    const aborted = pp.find((s) => s.name === REQ && s.labels.response_flags === 'FI');
    expect(aborted?.labels.destination_workload).toBe('unknown');

    await f.applyConfig('60-virtual-services.yaml', reviewsVs(`  - fault:
      delay: {fixedDelay: 150ms, percentage: {value: 100}}
    route:
    - destination: {host: reviews, subset: v1}
`));
    const t0 = Date.now();
    await f.get('/productpage');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    expect(sum(await f.stats('productpage-v1'), REQ, { reporter: 'source', response_flags: 'DI', response_code: '200' })).toBe(1);
  });

  it('enforces route timeouts (504, UT)', async () => {
    await f.applyConfig('60-virtual-services.yaml', reviewsVs(`  - timeout: 20ms
    route:
    - destination: {host: reviews, subset: v3}
`));
    await load(f, 5);
    expect(sum(await f.stats('productpage-v1'), REQ, { reporter: 'source', destination_service_name: 'reviews', response_code: '504', response_flags: 'UT' })).toBe(5);
  });

  it('keeps the last good VirtualService when a broken one arrives, and counts the reject', async () => {
    const rejectsBefore = await istiod(f, 'pilot_total_xds_rejects');
    await f.applyConfig('60-virtual-services.yaml', reviewsVs(`  - route:
    - destination: {host: reviews, subset: v2}
`));
    await f.applyConfig('60-virtual-services.yaml', reviewsVs(`  - route:
    - destination: {subset: v1}
`));
    expect(await istiod(f, 'pilot_total_xds_rejects')).toBeGreaterThan(rejectsBefore);
    const before = await reviewsSplit(f);
    await load(f, 6);
    expect(await reviewsSplit(f, before)).toEqual({ v1: 0, v2: 6, v3: 0 }); // still the previous (v2) route
  });

  it('names a malformed config file and still loads the rest', async () => {
    await writeFile(path.join(f.configDir, '99-broken.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: x, namespace: bookinfo\n');
    const t0 = Date.now();
    while (!f.demo.configStore.errors().some((e) => e.file === '99-broken.yaml')) {
      expect(Date.now() - t0, 'the broken file is reported within 2 s').toBeLessThan(2000);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(f.demo.configStore.errors().find((e) => e.file === '99-broken.yaml')?.line).toBeGreaterThanOrEqual(3);
    expect(f.demo.configStore.get('DestinationRule', 'bookinfo', 'reviews')).toBeDefined();
    expect((await f.get('/productpage')).status).toBe(200);
  });

  it('refuses plain text from a caller without a sidecar under STRICT mTLS', async () => {
    expect((await f.getDirect('productpage-v1', '/productpage', { host: 'productpage:9080' })).status).toBe(200);
    await f.applyConfig('80-strict.yaml', `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: bookinfo}
spec: {mtls: {mode: STRICT}}
`);
    await expect(f.getDirect('productpage-v1', '/productpage', { host: 'productpage:9080' })).rejects.toThrow();
    expect((await f.get('/productpage')).status).toBe(200); // sidecar-to-sidecar still works
  });
});

describe('demo sidecars: retries and mirroring under failure', () => {
  let f: DemoFixture;
  beforeAll(async () => {
    f = await startDemoFixture({ seed: 5, tuning: { ratingsErrorRate: 1, reviewsV3ExtraMs: 0 } });
  });
  afterAll(() => f.close());

  it('retries 5xx up to the attempt limit and flags URX', async () => {
    await f.applyConfig('60-virtual-services.yaml', reviewsVs(`  - route:
    - destination: {host: reviews, subset: v2}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ratings, namespace: bookinfo}
spec:
  hosts: [ratings]
  http:
  - route:
    - destination: {host: ratings, subset: v1}
    retries: {attempts: 2, retryOn: 5xx}
`));
    await load(f, 4, '/productpage', undefined, 1);
    const ratings = await f.stats('ratings-v1');
    expect(sum(ratings, REQ, { reporter: 'destination', source_workload: 'reviews-v2', response_code: '503' })).toBe(12); // 1 + 2 retries each
    const reviews = await f.stats('reviews-v2');
    expect(sum(reviews, REQ, { reporter: 'source', destination_workload: 'ratings-v1', response_code: '503', response_flags: 'URX' })).toBe(4);
  });

  it('mirrors a copy of the traffic to the mirror subset', async () => {
    await f.applyConfig('60-virtual-services.yaml', reviewsVs(`  - route:
    - destination: {host: reviews, subset: v1}
    mirror: {host: reviews, subset: v3}
    mirrorPercentage: {value: 100}
`));
    await load(f, 8, '/productpage', undefined, 1);
    await new Promise((r) => setTimeout(r, 300)); // shadow requests are fire-and-forget
    const v3 = await f.stats('reviews-v3');
    expect(sum(v3, REQ, { reporter: 'destination', source_workload: 'productpage-v1' })).toBe(8);
    expect(sum(await f.stats('productpage-v1'), REQ, { reporter: 'source', destination_workload: 'reviews-v3' })).toBe(0);
  });
});
