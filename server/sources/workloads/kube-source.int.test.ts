import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeRows } from '../../../lib/envoy/config-views';
import { runAs } from '../../auth/caller-context';
import { ANONYMOUS, type Principal } from '../../auth/types';
import { startDemoFixture, type DemoFixture } from '../../demo/demo-harness';
import { KubeWorkloadsSource } from './kube-source';
import { WorkloadSourceError } from './source';
import { FakePodsApi } from './testing/fake-pods-api';

const pod = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name, namespace: 'bookinfo', labels: { app: 'reviews', version: name.split('-')[1] ?? 'v1', 'pod-template-hash': name.split('-')[2] ?? '' }, ownerReferences: [{ kind: 'ReplicaSet', name: name.split('-').slice(0, 3).join('-') }], annotations: { 'sidecar.istio.io/status': '{}', 'proxy.istio.io/config': '{"holdApplicationUntilProxyStarts": true}' }, creationTimestamp: '2026-12-01T10:00:00Z' },
  spec: { nodeName: 'node-1', serviceAccountName: 'bookinfo-reviews', containers: [{ name: 'reviews', image: 'reviews:v1' }, { name: 'istio-proxy', image: 'proxyv2:1.27', resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } } }] },
  status: { phase: 'Running', podIP: '10.0.0.7', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'reviews', ready: true, restartCount: 2, state: { running: {} } }, { name: 'istio-proxy', ready: true, restartCount: 0, state: { running: {} } }] },
  ...extra,
});

const user = (token: string): Principal => ({ kind: 'user', name: token, groups: [], token });
const as = <T>(token: string | undefined, fn: () => Promise<T>) => runAs(token ? user(token) : ANONYMOUS, fn);

async function refusal(p: Promise<unknown>): Promise<WorkloadSourceError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkloadSourceError);
  return err as WorkloadSourceError;
}

describe('KubeWorkloadsSource against the Kubernetes test double', () => {
  let api: FakePodsApi;
  let demo: DemoFixture;
  let source: KubeWorkloadsSource;
  const podName = 'reviews-v1-7f9c8d6b5-x2x4q';

  beforeAll(async () => {
    api = await FakePodsApi.start();
    demo = await startDemoFixture();
    api.addUser('meshlens-sa', 'system:serviceaccount:istio-system:meshlens', { verbs: ['get', 'list'], groups: [''], resources: ['pods', 'pods/log', 'pods/proxy'] });
    api.addUser('alice', 'alice', { verbs: ['get', 'list'], groups: [''], resources: ['pods', 'pods/log', 'pods/proxy'], namespaces: ['bookinfo'] });
    api.addUser('bob', 'bob', { verbs: ['list'], groups: [''], resources: ['pods'], namespaces: ['bookinfo'] });
    api.put(pod(podName) as never);
    api.put(pod('reviews-v2-5b8c9d7f4-abcde', { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }], containerStatuses: [{ name: 'reviews', ready: false, restartCount: 7, state: { waiting: { reason: 'CrashLoopBackOff' } } }] } }) as never);
    api.logs.set(`bookinfo/${podName}/istio-proxy`, [
      { time: '2026-12-04T20:00:00.000000000Z', text: '[2026-12-04T20:00:00.000Z] "GET /reviews/0 HTTP/1.1" 200 - via_upstream - "-" 0 10 3 2 "-" "-" "a" "reviews:9080" "10.0.0.7:9080" inbound|9080|| 127.0.0.6:1 10.0.0.7:9080 10.0.0.2:2 - default' },
      { time: '2026-12-04T20:00:05.000000000Z', text: '[2026-12-04T20:00:05.000Z] "GET /ratings/0 HTTP/1.1" 503 UF,URX - - "-" 0 91 30 - "-" "-" "b" "ratings:9080" "10.0.0.9:9080" outbound|9080|v1|ratings.bookinfo.svc.cluster.local - 10.0.0.9:9080 10.0.0.7:3 - default' },
      { time: '2026-12-04T20:00:09.000000000Z', text: '2026-12-04T20:00:09.000Z\tinfo\tEnvoy proxy is ready' },
    ]);
    api.admin.set(`bookinfo/${podName}`, `http://127.0.0.1:${demo.demo.addresses['productpage-v1']?.port}`);
    const kc = new KubeConfig();
    kc.loadFromOptions({ clusters: [{ name: 'fake', server: api.url, skipTLSVerify: true }], users: [{ name: 'meshlens', token: 'meshlens-sa' }], contexts: [{ name: 'fake', cluster: 'fake', user: 'meshlens' }], currentContext: 'fake' });
    source = new KubeWorkloadsSource({ kubeconfig: kc, timeoutMs: 3000 });
  });
  afterAll(async () => {
    await api.close();
    await demo.close();
  });

  it('lists pods with the caller\'s own token, workloads from their ReplicaSet owner, readiness with its reason', async () => {
    const pods = await as('alice', () => source.pods('bookinfo'));
    expect(api.seen.at(-1)?.authorization).toBe('Bearer alice');
    expect(pods.map((p) => [p.name, p.workload, p.ready, p.reason])).toEqual([
      [podName, 'reviews-v1', true, undefined],
      ['reviews-v2-5b8c9d7f4-abcde', 'reviews-v2', false, 'reviews: CrashLoopBackOff'],
    ]);
    expect(pods[0]).toMatchObject({ sidecar: true, holdApplicationUntilProxyStarts: true, podIP: '10.0.0.7', serviceAccount: 'bookinfo-reviews' });
    expect(pods[0]?.containers.find((c) => c.name === 'istio-proxy')?.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } });
    expect(pods[0]?.containers.find((c) => c.name === 'reviews')?.restarts).toBe(2);
  });

  it('uses Meshlens\'s own credentials only when nobody is signed in', async () => {
    await as(undefined, () => source.pods('bookinfo'));
    expect(api.seen.at(-1)?.authorization).toBe('Bearer meshlens-sa');
  });

  it('reads pods/log with timestamps, tail and since, as the caller', async () => {
    const all = await as('alice', () => source.logs('bookinfo', podName, { container: 'istio-proxy', maxLines: 100, maxBytes: 1 << 20 }));
    expect(all.lines).toHaveLength(3);
    expect(all.lines[0]).toMatch(/^2026-12-04T20:00:00.000000000Z \[2026-12-04T20:00:00.000Z\] "GET \/reviews\/0/);
    expect(api.seen.at(-1)).toMatchObject({ path: `/api/v1/namespaces/bookinfo/pods/${podName}/log`, authorization: 'Bearer alice', query: { container: 'istio-proxy', timestamps: 'true', tailLines: '100' } });
    const since = await as('alice', () => source.logs('bookinfo', podName, { container: 'istio-proxy', maxLines: 100, maxBytes: 1 << 20, sinceTimeSec: Date.parse('2026-12-04T20:00:05Z') / 1000 }));
    expect(since.lines).toHaveLength(2);
    const tail = await as('alice', () => source.logs('bookinfo', podName, { container: 'istio-proxy', maxLines: 1, maxBytes: 1 << 20 }));
    expect(tail.lines).toEqual(['2026-12-04T20:00:09.000000000Z 2026-12-04T20:00:09.000Z\tinfo\tEnvoy proxy is ready']);
  });

  it('caps a log by bytes, dropping the cut line and saying so', async () => {
    const r = await as('alice', () => source.logs('bookinfo', podName, { container: 'istio-proxy', maxLines: 100, maxBytes: 300 }));
    expect(r.truncated).toBe(true);
    expect(r.lines).toHaveLength(1);
  });

  it('RBAC refusals come back as 403 with the API server\'s message; an unknown container as 400', async () => {
    const logs = await refusal(as('bob', () => source.logs('bookinfo', podName, { container: 'istio-proxy', maxLines: 10, maxBytes: 1000 })));
    expect(logs.code).toBe('forbidden');
    expect(logs.message).toBe(`pods "${podName}" is forbidden: User "bob" cannot get resource "pods" with subresource "log" in API group "" in the namespace "bookinfo"`);
    const proxy = await refusal(as('bob', () => source.proxyAdmin('bookinfo', podName, 'config_dump', 1 << 20)));
    expect(proxy.code).toBe('forbidden');
    expect(proxy.message).toContain('subresource "proxy"');
    const otherNs = await refusal(as('alice', () => source.pods('istio-system')));
    expect(otherNs.code).toBe('forbidden');
    const badContainer = await refusal(as('alice', () => source.logs('bookinfo', podName, { container: 'nope', maxLines: 10, maxBytes: 1000 })));
    expect([badContainer.code, badContainer.message]).toEqual(['bad_request', `container nope is not valid for pod ${podName}`]);
    const missing = await refusal(as('alice', () => source.logs('bookinfo', 'gone-pod', { container: 'istio-proxy', maxLines: 10, maxBytes: 1000 })));
    expect(missing.code).toBe('not_found');
    const revoked = await refusal(as('mallory', () => source.pods('bookinfo')));
    expect(revoked.code).toBe('unauthorized');
    const badName = await refusal(as('alice', () => source.pods('../etc')));
    expect(badName.code).toBe('bad_request');
  });

  it('reads istiod\'s syncz through the service proxy, refused without services/proxy', async () => {
    api.syncz = [{ proxy: `${podName}.bookinfo`, cluster_sent: '3', cluster_acked: '3' }];
    api.rules.push({ subject: 'alice', verbs: ['get'], groups: [''], resources: ['services/proxy'], namespaces: ['istio-system'] });
    expect(JSON.parse(await as('alice', () => source.syncz(1 << 20)))).toEqual(api.syncz);
    expect(api.seen.at(-1)?.path).toBe('/api/v1/namespaces/istio-system/services/istiod:15014/proxy/debug/syncz');
    const refused = await refusal(as('bob', () => source.syncz(1 << 20)));
    expect(refused.code).toBe('forbidden');
  });

  it('reads Envoy\'s config dump through the API server\'s pod proxy on :15000', async () => {
    const text = await as('alice', () => source.proxyAdmin('bookinfo', podName, 'config_dump?include_eds', 4 << 20));
    expect(api.seen.at(-1)).toMatchObject({ path: `/api/v1/namespaces/bookinfo/pods/${podName}:15000/proxy/config_dump`, query: { include_eds: '' }, authorization: 'Bearer alice' });
    const reviews = routeRows(JSON.parse(text), 100).find((r) => r.virtualHost === 'reviews.bookinfo.svc.cluster.local:9080');
    expect(reviews?.clusters.map((c) => c.weight)).toEqual([80, 10, 10]);
    const big = await refusal(as('alice', () => source.proxyAdmin('bookinfo', podName, 'config_dump', 1000)));
    expect([big.code, big.message]).toEqual(['bad_gateway', `Envoy admin /config_dump of bookinfo/${podName} is larger than 1000 bytes (the limit); it was not read`]);
    const unreachable = await refusal(as('alice', () => source.proxyAdmin('bookinfo', 'reviews-v2-5b8c9d7f4-abcde', 'clusters', 1000)));
    expect(unreachable.code).toBe('bad_gateway');
    expect(unreachable.message).toContain('connection refused');
  });
});
