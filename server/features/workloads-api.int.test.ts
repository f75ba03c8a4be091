import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppDetailSchema, AppListSchema, ConfigDumpSchema, ConfigResourceSchema, PodLogsSchema, WorkloadDetailSchema, WorkloadListSchema, type WorkloadDetail } from '../../lib/api/workloads';
import { applyVisibility } from '../auth/visibility';
import { ANONYMOUS } from '../auth/types';
import { HttpError } from '../http/errors';
import { startApiServer, type ApiFixture } from '../testing/api-server';
import type { RunningDemo } from '../demo';

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

describe('workloads API on the demo', () => {
  let f: ApiFixture;
  let productpagePod: string;
  beforeAll(async () => {
    f = await startApiServer({ demo: true, demoRps: 0 });
    const demo = f.server.core.demo as RunningDemo;
    const gw = demo.addresses['istio-ingressgateway']?.port as number;
    for (let i = 0; i < 30; i++) await get(gw, '/productpage', { host: 'bookinfo.example.com' });
    const d = await f.call('GET', '/api/namespaces/bookinfo/workloads/productpage-v1');
    productpagePod = (d.body as WorkloadDetail).pods[0]?.name as string;
  });
  afterAll(() => f.close());

  it('lists workloads with pods, sidecar state, services and the Istio objects that apply', async () => {
    const r = await f.call('GET', '/api/namespaces/bookinfo/workloads');
    expect(r.status).toBe(200);
    const list = WorkloadListSchema.parse(r.body);
    const reviews = list.workloads.find((w) => w.name === 'reviews-v2');
    expect(reviews).toMatchObject({ app: 'reviews', version: 'v2', podCount: 1, readyPodCount: 1, istioSidecar: true, services: ['reviews'], sidecar: { state: 'present' } });
    expect(reviews?.istioReferences.map((x) => `${x.kind}/${x.name}`)).toEqual(expect.arrayContaining(['VirtualService/reviews', 'DestinationRule/reviews']));
    expect(list.workloads.find((w) => w.name === 'legacy-client')?.sidecar.state).toBe('missing');
  });

  it('a workload has its pods by name, its config with validations and proxy notes', async () => {
    const r = await f.call('GET', '/api/namespaces/bookinfo/workloads/reviews-v1');
    const d = WorkloadDetailSchema.parse(r.body);
    expect(d.pods).toHaveLength(1);
    expect(d.pods[0]?.name).toMatch(/^reviews-v1-[a-z0-9]{9}-[a-z0-9]{5}$/);
    expect(d.pods[0]?.containers.map((c) => c.name)).toEqual(['reviews', 'istio-proxy']);
    expect(d.istioConfig.find((c) => c.kind === 'VirtualService')?.validations).toEqual([]);
    expect(d.notes.map((n) => n.message).join(' ')).toMatch(/holdApplicationUntilProxyStarts/);
  });

  it('applications group workloads by app with their versions', async () => {
    const list = AppListSchema.parse((await f.call('GET', '/api/namespaces/bookinfo/apps')).body);
    expect(list.applications.find((a) => a.name === 'reviews')).toMatchObject({ versions: ['v1', 'v2', 'v3'], serviceNames: ['reviews'] });
    const one = AppDetailSchema.parse((await f.call('GET', '/api/namespaces/bookinfo/apps/reviews')).body);
    expect(one.workloads.map((w) => w.name)).toEqual(['reviews-v1', 'reviews-v2', 'reviews-v3']);
  });

  it('unknown namespace, workload, app or pod: 404 with a message', async () => {
    for (const p of ['/api/namespaces/nope/workloads', '/api/namespaces/bookinfo/workloads/nope', '/api/namespaces/bookinfo/apps/nope', '/api/namespaces/bookinfo/pods/nope/logs?container=istio-proxy', '/api/namespaces/bookinfo/pods/nope/config_dump', '/api/namespaces/bookinfo/pods/x/config_dump/secrets']) {
      const r = await f.call('GET', p);
      expect(r.status, p).toBe(404);
      expect((r.body as { error: { message: string } }).error.message.length, p).toBeGreaterThan(5);
    }
  });

  it('proxy logs: Envoy access-log lines parsed into fields, newest maxLines, 5xx as ERROR', async () => {
    const r = await f.call('GET', `/api/namespaces/bookinfo/pods/${productpagePod}/logs?container=istio-proxy&maxLines=50`);
    expect(r.status).toBe(200);
    const logs = PodLogsSchema.parse(r.body);
    expect(logs.entries).toHaveLength(50);
    expect(logs.linesTruncated).toBe(true);
    expect(logs.entries.every((e) => e.accessLog !== undefined && e.timestampUnix > 0)).toBe(true);
    expect(logs.entries.some((e) => e.accessLog?.upstreamCluster.startsWith('outbound|9080|'))).toBe(true);
    const app = PodLogsSchema.parse((await f.call('GET', `/api/namespaces/bookinfo/pods/${productpagePod}/logs`)).body);
    expect(app.container).toBe('productpage');
    expect(app.entries[0]?.message).toMatch(/^INFO "GET \/productpage HTTP\/1.1" 200/);
    const future = PodLogsSchema.parse((await f.call('GET', `/api/namespaces/bookinfo/pods/${productpagePod}/logs?container=istio-proxy&sinceTime=${Math.floor(Date.now() / 1000) + 60}`)).body);
    expect(future.entries).toEqual([]);
  });

  it('refuses bad log parameters with 400', async () => {
    for (const q of ['maxLines=0', 'maxLines=999999', 'maxLines=abc', 'sinceTime=-1', 'container=nope']) {
      const r = await f.call('GET', `/api/namespaces/bookinfo/pods/${productpagePod}/logs?${q}`);
      expect(r.status, q).toBe(400);
    }
  });

  it('config dump: Envoy\'s shape, and routes with the VirtualService\'s weights and the sync state', async () => {
    const raw = ConfigDumpSchema.parse((await f.call('GET', `/api/namespaces/bookinfo/pods/${productpagePod}/config_dump`)).body);
    expect(raw.configs.map((c) => String(c['@type']).split('.').pop())).toEqual(['BootstrapConfigDump', 'ClustersConfigDump', 'ListenersConfigDump', 'RoutesConfigDump', 'EndpointsConfigDump']);
    const routes = ConfigResourceSchema.parse((await f.call('GET', `/api/namespaces/bookinfo/pods/${productpagePod}/config_dump/routes`)).body);
    if (routes.resource !== 'routes') throw new Error('expected routes');
    expect(routes.sync.state).toBe('SYNCED');
    expect(routes.items.find((x) => x.virtualHost === 'reviews.bookinfo.svc.cluster.local:9080')?.clusters.map((c) => c.weight)).toEqual([80, 10, 10]);
    for (const res of ['clusters', 'listeners', 'endpoints']) {
      const a = ConfigResourceSchema.parse((await f.call('GET', `/api/namespaces/bookinfo/pods/${productpagePod}/config_dump/${res}`)).body);
      expect(a.items.length, res).toBeGreaterThan(0);
    }
    const legacy = (await f.call('GET', '/api/namespaces/bookinfo/workloads/legacy-client')).body as WorkloadDetail;
    const noProxy = await f.call('GET', `/api/namespaces/bookinfo/pods/${legacy.pods[0]?.name}/config_dump`);
    expect(noProxy.status).toBe(404);
  });

  it('a VirtualService the proxies reject leaves them STALE (RDS sent, not acknowledged), as istioctl proxy-status says', async () => {
    const vs = '/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService/ratings';
    const cur = (await f.call('GET', vs)).body as { object: { metadata: object; spec: { http: unknown[] } } };
    const good = structuredClone(cur.object);
    cur.object.spec.http = [{ route: [{ destination: { host: 'ratings', subset: 'v1' }, weight: -5 }, { destination: { host: 'ratings', subset: 'v1' }, weight: 5 }] }];
    const put = await f.call('PUT', `${vs}?force=true`, cur.object, { 'x-meshlens-csrf': '1', origin: f.url });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    try {
      const routes = ConfigResourceSchema.parse((await f.call('GET', `/api/namespaces/bookinfo/pods/${productpagePod}/config_dump/routes`)).body);
      expect(routes.sync.state).toBe('STALE');
      expect(routes.sync.reason).toMatch(/^RDS sent \d+, acknowledged \d+/);
    } finally {
      const back = (await f.call('GET', vs)).body as { object: { metadata: { resourceVersion?: string } } };
      await f.call('PUT', `${vs}?force=true`, { ...good, metadata: { ...good.metadata, resourceVersion: back.object.metadata.resourceVersion } }, { 'x-meshlens-csrf': '1', origin: f.url });
    }
    const again = ConfigResourceSchema.parse((await f.call('GET', `/api/namespaces/bookinfo/pods/${productpagePod}/config_dump/routes`)).body);
    expect(again.sync.state).toBe('SYNCED');
  });

  it('namespaces the caller may not see are hidden for every workloads path (central scoping by :ns)', async () => {
    for (const route of ['/api/namespaces/:ns/workloads', '/api/namespaces/:ns/workloads/:workload', '/api/namespaces/:ns/apps', '/api/namespaces/:ns/apps/:app', '/api/namespaces/:ns/pods/:pod/logs', '/api/namespaces/:ns/pods/:pod/config_dump', '/api/namespaces/:ns/pods/:pod/config_dump/:resource']) {
      const err = await applyVisibility(ANONYMOUS, route, { ns: 'bookinfo', pod: 'p', workload: 'w', app: 'a', resource: 'routes' }, new URL('http://x/'), async () => false, { knownNamespaces: () => ['bookinfo'] }).then(() => undefined, (e: unknown) => e);
      expect(err, route).toBeInstanceOf(HttpError);
      expect((err as HttpError).status).toBe(404);
    }
  });
});

describe('workloads API with files-only config (no pod source)', () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await startApiServer({ demo: false });
  });
  afterAll(() => f.close());

  it('lists Deployments without pods, saying so; logs and proxies are 404 with why', async () => {
    const list = WorkloadListSchema.parse((await f.call('GET', '/api/namespaces/bookinfo/workloads')).body);
    expect(list.workloads.find((w) => w.name === 'reviews-v2')).toMatchObject({ podCount: 0, notReadyReason: 'no pods', type: 'Deployment' });
    const d = WorkloadDetailSchema.parse((await f.call('GET', '/api/namespaces/bookinfo/workloads/reviews-v2')).body);
    expect(d.source).toBe('none');
    const logs = await f.call('GET', '/api/namespaces/bookinfo/pods/reviews-v2-abc/logs?container=istio-proxy');
    expect(logs.status).toBe(404);
    expect((logs.body as { error: { message: string } }).error.message).toMatch(/Meshlens reads pods, logs and proxies from Kubernetes/);
  });
});
