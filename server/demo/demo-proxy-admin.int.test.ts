import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAccessLogLine } from '../../lib/envoy/access-log-parse';
import { clusterRows, endpointRows, routeRows } from '../../lib/envoy/config-views';
import { load, startDemoFixture, type DemoFixture } from './demo-harness';
import { demoLogFile, demoPodName, PROXY_CONTAINER } from './pods';

async function logLines(f: DemoFixture, ns: string, workload: string, container: string): Promise<string[]> {
  // The writer's stream is buffered: poll until the file has content.
  for (let i = 0; i < 100; i++) {
    const text = await readFile(demoLogFile(f.dataDir, ns, demoPodName(workload), container), 'utf8').catch(() => '');
    if (text.trim()) return text.trim().split('\n');
    await new Promise((r) => setTimeout(r, 20));
  }
  return [];
}

const body = async (f: DemoFixture, workload: string, p: string) => {
  const r = await f.getDirect(workload, p);
  expect(r.status).toBe(200);
  return r.body;
};

describe('demo sidecars: access log and Envoy admin API', () => {
  let f: DemoFixture;
  beforeAll(async () => {
    f = await startDemoFixture({ seed: 5, tuning: { ratingsErrorRate: 0.3, reviewsV3ExtraMs: 5 } });
    await load(f, 40);
  });
  afterAll(() => f.close());

  it('writes an Envoy default-format line for every request a sidecar proxies, outbound and inbound', async () => {
    await new Promise((r) => setTimeout(r, 100));
    const lines = await logLines(f, 'bookinfo', 'productpage-v1', PROXY_CONTAINER);
    const entries = lines.map((l) => parseAccessLogLine(l.slice(l.indexOf(' ') + 1)));
    expect(entries.every(Boolean)).toBe(true);
    const inbound = entries.filter((e) => e?.upstreamCluster === 'inbound|' + e?.upstreamHost?.split(':')[1] + '||');
    const outbound = entries.filter((e) => e?.upstreamCluster.startsWith('outbound|9080|'));
    expect(inbound).toHaveLength(40);
    // Each page calls details and reviews.
    expect(outbound).toHaveLength(80);
    expect(new Set(outbound.map((e) => e?.upstreamCluster))).toEqual(new Set(['outbound|9080|v1|details.bookinfo.svc.cluster.local', 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local', 'outbound|9080|v2|reviews.bookinfo.svc.cluster.local', 'outbound|9080|v3|reviews.bookinfo.svc.cluster.local']));
    for (const e of entries) {
      expect(e?.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(e?.startTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    // Requests of one page share the request id: inbound to productpage and its outbound calls.
    const first = inbound[0]?.requestId;
    expect(outbound.filter((e) => e?.requestId === first)).toHaveLength(2);
  });

  it('the route a failing call took is in the line: 503s from ratings with their flags', async () => {
    const lines = await logLines(f, 'bookinfo', 'reviews-v2', PROXY_CONTAINER);
    const toRatings = lines.map((l) => parseAccessLogLine(l.slice(l.indexOf(' ') + 1))).filter((e) => e?.upstreamCluster === 'outbound|9080|v1|ratings.bookinfo.svc.cluster.local');
    expect(toRatings.length).toBeGreaterThan(0);
    const app = await logLines(f, 'bookinfo', 'ratings-v1', 'ratings');
    expect(app.some((l) => /ERROR "GET \/ratings\/0 HTTP\/1.1" 503 .*could not connect to ratings database/.test(l))).toBe(true);
  });

  it('serves /config_dump built from the live routing table, and follows a VirtualService change', async () => {
    const dump = JSON.parse(await body(f, 'productpage-v1', '/config_dump?include_eds')) as unknown;
    const reviews = routeRows(dump, 500).find((r) => r.virtualHost === 'reviews.bookinfo.svc.cluster.local:9080');
    expect(reviews?.clusters.map((c) => [c.name.split('|')[2], c.weight])).toEqual([['v1', 80], ['v2', 10], ['v3', 10]]);
    expect(clusterRows(dump, 500).map((c) => c.name)).toContain('outbound|9080|v2|reviews.bookinfo.svc.cluster.local');
    const eps = endpointRows(dump, 500).filter((e) => e.cluster === 'outbound|9080|v3|reviews.bookinfo.svc.cluster.local');
    expect(eps.map((e) => e.address)).toEqual([`127.0.0.1:${f.demo.addresses['reviews-v3']?.port}`]);

    await f.applyConfig('60-virtual-services.yaml', `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v2}
      weight: 30
    - destination: {host: reviews, subset: v3}
      weight: 70
    timeout: 2s
    retries: {attempts: 4, perTryTimeout: 500ms, retryOn: 5xx}
`);
    const after = JSON.parse(await body(f, 'productpage-v1', '/config_dump')) as unknown;
    const r = routeRows(after, 500).find((x) => x.virtualHost === 'reviews.bookinfo.svc.cluster.local:9080');
    expect(r).toMatchObject({ clusters: [{ name: 'outbound|9080|v2|reviews.bookinfo.svc.cluster.local', weight: 30 }, { name: 'outbound|9080|v3|reviews.bookinfo.svc.cluster.local', weight: 70 }], timeout: '2s', retries: { attempts: 4, retryOn: '5xx', perTryTimeout: '0.500s' } });
    expect(endpointRows(after, 10)).toEqual([]);
  });

  it('serves /clusters with per-host counters of the requests it sent', async () => {
    const text = await body(f, 'productpage-v1', '/clusters');
    const m = /^outbound\|9080\|v1\|details\.bookinfo\.svc\.cluster\.local::127\.0\.0\.1:\d+::rq_total::(\d+)$/m.exec(text);
    expect(Number(m?.[1])).toBe(40);
    expect(text).toMatch(/::health_flags::healthy$/m);
  });

  it('a gateway answers with its Gateway listener and route config', async () => {
    const dump = JSON.parse(await body(f, 'istio-ingressgateway', '/config_dump')) as unknown;
    expect(routeRows(dump, 50).map((r) => `${r.routeConfig} ${r.match}`)).toContain('http.8080 path /productpage');
  });
});
