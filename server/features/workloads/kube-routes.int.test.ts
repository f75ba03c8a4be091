import { mkdtemp, rm, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PodLogsSchema, WorkloadDetailSchema } from '../../../lib/api/workloads';
import { WORKLOADS_LIMITS } from '../../../lib/limits/workloads';
import { runAs } from '../../auth/caller-context';
import type { Config } from '../../config';
import type { Core } from '../../core';
import { DEMO_CONFIG_DIR } from '../../demo';
import { HttpError } from '../../http/errors';
import type { ApiRequest, Route } from '../../http/router';
import { FileConfigStore } from '../../sources/config/file-store';
import { KubeWorkloadsSource } from '../../sources/workloads/kube-source';
import { FakePodsApi } from '../../sources/workloads/testing/fake-pods-api';
import { workloadRoutes } from './routes';

/** Calls a route as the person holding `token`, the way the HTTP layer runs handlers (runAs the principal). */
async function call(routes: Route[], pattern: string, url: string, params: Record<string, string>, token: string): Promise<{ status: number; body: unknown }> {
  const route = routes.find((r) => r.path === pattern) as Route;
  const req = { method: 'GET', url: new URL(`http://x${url}`), params, headers: {}, requestId: 't' } as unknown as ApiRequest;
  try {
    const res = await runAs({ kind: 'user', name: token, groups: [], token }, () => route.handler(req));
    return { status: 200, body: 'body' in res ? res.body : undefined };
  } catch (err) {
    if (err instanceof HttpError) return { status: err.status, body: { error: { code: err.code, message: err.message } } };
    throw err;
  }
}

describe('workloads API over the Kubernetes source (test double)', () => {
  let api: FakePodsApi;
  let store: FileConfigStore;
  let dir: string;
  let routes: Route[];
  const pod = 'reviews-v1-7f9c8d6b5-x2x4q';

  beforeAll(async () => {
    api = await FakePodsApi.start();
    api.addUser('alice', 'alice', { verbs: ['get', 'list'], groups: [''], resources: ['pods', 'pods/log', 'pods/proxy'], namespaces: ['bookinfo'] });
    api.addUser('bob', 'bob', { verbs: ['list'], groups: [''], resources: ['pods'], namespaces: ['bookinfo'] });
    api.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: pod, namespace: 'bookinfo', labels: { app: 'reviews', version: 'v1', 'pod-template-hash': '7f9c8d6b5' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'reviews-v1-7f9c8d6b5' }] } as never, spec: { containers: [{ name: 'reviews' }, { name: 'istio-proxy' }] }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } } as never);
    api.logs.set(`bookinfo/${pod}/istio-proxy`, [{ time: '2026-12-04T20:00:05.000000000Z', text: '[2026-12-04T20:00:05.000Z] "GET /ratings/0 HTTP/1.1" 503 UF,URX - - "-" 0 91 30 - "-" "-" "b" "ratings:9080" "10.0.0.9:9080" outbound|9080|v1|ratings.bookinfo.svc.cluster.local - 10.0.0.9:9080 10.0.0.7:3 - default "4bf92f3577b34da6a3ce929d0e0e4736"' }]);
    dir = await mkdtemp(path.join(os.tmpdir(), 'meshlens-wl-kube-'));
    await cp(DEMO_CONFIG_DIR, path.join(dir, 'config'), { recursive: true });
    const log = pino({ level: 'silent' });
    store = await FileConfigStore.open({ dir: path.join(dir, 'config'), log });
    const kc = new KubeConfig();
    kc.loadFromOptions({ clusters: [{ name: 'fake', server: api.url, skipTLSVerify: true }], users: [{ name: 'm', token: 'meshlens-sa' }], contexts: [{ name: 'fake', cluster: 'fake', user: 'm' }], currentContext: 'fake' });
    const core: Core = { config: { dataDir: dir } as Config, log, registry: new Registry(), configStore: store, baseUrl: 'http://x', now: () => Date.now() };
    routes = workloadRoutes(core, new KubeWorkloadsSource({ kubeconfig: kc, timeoutMs: 3000 }), WORKLOADS_LIMITS);
  });
  afterAll(async () => {
    await store.close();
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a workload carries the pods the cluster reports for the person asking', async () => {
    const r = await call(routes, '/api/namespaces/:ns/workloads/:workload', '/api/namespaces/bookinfo/workloads/reviews-v1', { ns: 'bookinfo', workload: 'reviews-v1' }, 'alice');
    expect(r.status).toBe(200);
    const d = WorkloadDetailSchema.parse(r.body);
    expect([d.source, d.pods.map((p) => p.name)]).toEqual(['kubernetes', [pod]]);
    expect(api.seen.at(-1)?.authorization).toBe('Bearer alice');
  });

  it('proxy logs parsed, trace id included; RBAC refusal is a 403 with the API server\'s reason', async () => {
    const ok = await call(routes, '/api/namespaces/:ns/pods/:pod/logs', `/api/namespaces/bookinfo/pods/${pod}/logs?container=istio-proxy`, { ns: 'bookinfo', pod }, 'alice');
    const logs = PodLogsSchema.parse(ok.body);
    expect(logs.entries[0]).toMatchObject({ severity: 'ERROR', accessLog: { responseCode: 503, responseFlags: 'UF,URX', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' } });
    const refused = await call(routes, '/api/namespaces/:ns/pods/:pod/logs', `/api/namespaces/bookinfo/pods/${pod}/logs?container=istio-proxy`, { ns: 'bookinfo', pod }, 'bob');
    expect(refused).toEqual({ status: 403, body: { error: { code: 'forbidden', message: `pods "${pod}" is forbidden: User "bob" cannot get resource "pods" with subresource "log" in API group "" in the namespace "bookinfo"` } } });
    const dump = await call(routes, '/api/namespaces/:ns/pods/:pod/config_dump/:resource', `/api/namespaces/bookinfo/pods/${pod}/config_dump/routes`, { ns: 'bookinfo', pod, resource: 'routes' }, 'bob');
    expect(dump.status).toBe(403);
    const list = await call(routes, '/api/namespaces/:ns/workloads', '/api/namespaces/istio-system/workloads', { ns: 'istio-system' }, 'alice');
    expect(list.status).toBe(403);
  });

  it('a pod the proxy cannot reach: 502 with why', async () => {
    const r = await call(routes, '/api/namespaces/:ns/pods/:pod/config_dump', `/api/namespaces/bookinfo/pods/${pod}/config_dump`, { ns: 'bookinfo', pod }, 'alice');
    expect(r.status).toBe(502);
    expect(JSON.stringify(r.body)).toContain('connection refused');
  });
});
