import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigChange } from '../store';
import { startFixture, virtualService, waitFor, type StoreFixture } from './store-fixture';

let fx: StoreFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe('KubernetesConfigStore reads (list + watch against FakeKubeApi)', () => {
  it('lists Istio config and the Kubernetes objects validation needs, at the served versions', async () => {
    fx = await startFixture();
    const store = await fx.open();
    expect(store.kind).toBe('kubernetes');
    expect(store.get('VirtualService', 'bookinfo', 'reviews')?.object.spec).toEqual(virtualService('reviews').spec);
    expect(store.get('DestinationRule', 'bookinfo', 'reviews')?.object.apiVersion).toBe('networking.istio.io/v1');
    expect(store.get('PeerAuthentication', 'istio-system', 'default')?.object.apiVersion).toBe('security.istio.io/v1');
    // Built-in kinds come without apiVersion/kind in list items; the store fills them in.
    const svc = store.get('Service', 'bookinfo', 'reviews');
    expect(svc?.object).toMatchObject({ apiVersion: 'v1', kind: 'Service', spec: { selector: { app: 'reviews' } } });
    expect(store.get('Deployment', 'bookinfo', 'reviews-v1')?.object.apiVersion).toBe('apps/v1');
    expect(store.servedVersion('EnvoyFilter')).toBe('networking.istio.io/v1alpha3');
    // resourceVersion is the server's metadata.resourceVersion.
    expect(svc?.resourceVersion).toBe(fx.api.get('Service', 'bookinfo', 'reviews')?.metadata.resourceVersion);
    expect(store.namespaces()).toEqual(['bookinfo', 'istio-system', 'other']);
    expect(store.list({ kinds: ['Namespace'] }).map((o) => o.object.metadata.name).sort()).toEqual(['bookinfo', 'istio-system', 'other']);
    expect(store.errors()).toEqual([]);
    // Only the mesh config ConfigMap is mirrored.
    expect(store.list({ kinds: ['ConfigMap'] }).map((o) => o.object.metadata.name)).toEqual(['istio']);
  });

  it('keeps only the essentials of Pods and drops managedFields', async () => {
    fx = await startFixture();
    const store = await fx.open();
    const pod = store.get('Pod', 'bookinfo', 'reviews-v1-abc')?.object;
    expect(pod).toBeDefined();
    expect(pod?.metadata).toMatchObject({ labels: { app: 'reviews', version: 'v1' }, annotations: { 'sidecar.istio.io/status': '{}' } });
    expect(pod?.metadata).not.toHaveProperty('managedFields');
    expect(pod?.spec).toEqual({ serviceAccountName: 'bookinfo-reviews', containers: [{ name: 'reviews', image: 'reviews:v1' }, { name: 'istio-proxy', image: 'proxyv2:1.24' }] });
    expect(pod?.status).toEqual({ phase: 'Running', podIP: '10.0.0.7' });
  });

  it('lists in pages (limit/continue), so thousands of Pods load without one huge answer', async () => {
    fx = await startFixture();
    for (let i = 0; i < 1100; i++) {
      fx.api.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `load-${i}`, namespace: 'other', labels: { app: 'load' } }, spec: { containers: [{ name: 'app', image: 'load:1', env: [] }] } });
    }
    const store = await fx.open();
    const podLists = fx.api.requests.filter((r) => r.path === '/api/v1/pods' && r.query.watch !== 'true');
    expect(podLists.map((r) => [r.query.limit, Boolean(r.query.continue)])).toEqual([['500', false], ['500', true], ['500', true]]);
    expect(store.list({ kinds: ['Pod'] })).toHaveLength(1101);
    expect(store.get('Pod', 'other', 'load-1099')?.object.spec).toEqual({ containers: [{ name: 'app', image: 'load:1' }] });
  });

  it('picks up changes made behind its back through the watch and emits ConfigChange', async () => {
    fx = await startFixture();
    const store = await fx.open();
    const changes: ConfigChange[] = [];
    store.subscribe((c) => changes.push(c));
    const v0 = store.version;

    const updated = fx.api.put({ ...virtualService('reviews'), spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v2' } }] }] } });
    await waitFor(() => store.get('VirtualService', 'bookinfo', 'reviews')?.resourceVersion === updated.metadata.resourceVersion, 5000, 'the modified VirtualService');
    expect(changes.at(-1)?.changed).toEqual([{ kind: 'VirtualService', namespace: 'bookinfo', name: 'reviews', type: 'modified' }]);

    fx.api.put(virtualService('ratings'));
    await waitFor(() => !!store.get('VirtualService', 'bookinfo', 'ratings'), 5000, 'the added VirtualService');
    expect(changes.at(-1)?.changed).toEqual([{ kind: 'VirtualService', namespace: 'bookinfo', name: 'ratings', type: 'added' }]);

    fx.api.remove('DestinationRule', 'bookinfo', 'reviews');
    await waitFor(() => !store.get('DestinationRule', 'bookinfo', 'reviews'), 5000, 'the deleted DestinationRule');
    expect(changes.at(-1)?.changed).toEqual([{ kind: 'DestinationRule', namespace: 'bookinfo', name: 'reviews', type: 'deleted' }]);

    fx.api.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'payments' } });
    await waitFor(() => store.namespaces().includes('payments'), 5000, 'the new namespace');
    expect(store.version).toBe(v0 + 4);
    expect(changes.map((c) => c.version)).toEqual([v0 + 1, v0 + 2, v0 + 3, v0 + 4]);
  });

  it('reopens a watch the server ended (its watch timeout) from the last resourceVersion, without relisting', async () => {
    fx = await startFixture();
    const store = await fx.open();
    const lists = () => fx!.api.requests.filter((r) => r.path.endsWith('/virtualservices') && r.query.watch !== 'true').length;
    const listsBefore = lists();
    await waitFor(() => fx!.api.openWatches() >= 15, 5000, 'all watches open');
    fx.api.endWatches();
    fx.api.put(virtualService('details'));
    await waitFor(() => !!store.get('VirtualService', 'bookinfo', 'details'), 5000, 'the VirtualService added while the watch was closed');
    expect(lists()).toBe(listsBefore);
    const rewatch = fx.api.requests.filter((r) => r.path.endsWith('/virtualservices') && r.query.watch === 'true').at(-1);
    expect(Number(rewatch?.query.resourceVersion)).toBeGreaterThan(100);
  });

  it('moves its resourceVersion on with BOOKMARK events, so a reopened watch starts from there', async () => {
    fx = await startFixture();
    await fx.open();
    await waitFor(() => fx!.api.openWatches() >= 15, 5000, 'all watches open');
    expect(fx.api.requests.find((r) => r.path.endsWith('/virtualservices') && r.query.watch === 'true')?.query.allowWatchBookmarks).toBe('true');
    // Changes elsewhere move the server's resourceVersion on; the VirtualService watch hears only the bookmark.
    for (let i = 0; i < 3; i++) fx.api.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${i}` } });
    const bookmark = String(fx.api.store.rv);
    fx.api.sendBookmarks();
    await new Promise((r) => setTimeout(r, 100));
    fx.api.endWatches();
    await waitFor(() => fx!.api.requests.filter((r) => r.path.endsWith('/virtualservices') && r.query.watch === 'true').length === 2, 5000, 'the rewatch');
    expect(fx.api.requests.filter((r) => r.path.endsWith('/virtualservices') && r.query.watch === 'true').at(-1)?.query.resourceVersion).toBe(bookmark);
  });

  it('falls back to v1beta1 where Istio does not serve v1, and writes at that version', async () => {
    fx = await startFixture({ istioVersions: ['v1beta1'], seed: false });
    fx.api.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bookinfo' } });
    fx.api.put(virtualService('reviews', 'reviews', 'bookinfo', 'networking.istio.io/v1beta1'));
    const store = await fx.open();
    expect(store.servedVersion('VirtualService')).toBe('networking.istio.io/v1beta1');
    expect(store.servedVersion('AuthorizationPolicy')).toBe('security.istio.io/v1beta1');
    expect(store.get('VirtualService', 'bookinfo', 'reviews')?.object.apiVersion).toBe('networking.istio.io/v1beta1');
    await waitFor(() => fx!.api.requests.some((r) => r.path === '/apis/networking.istio.io/v1beta1/virtualservices' && r.query.watch === 'true'), 5000, 'the v1beta1 watch');
    // An object written as v1 (what the editor and traffic shifting produce) is applied as v1beta1.
    const created = await store.create(virtualService('ratings'));
    expect(created.object.apiVersion).toBe('networking.istio.io/v1beta1');
    expect(fx.api.requests.at(-1)?.path).toBe('/apis/networking.istio.io/v1beta1/namespaces/bookinfo/virtualservices/ratings');
  });

  it('reports Istio kinds as missing in errors() when the cluster has no Istio, and still mirrors the rest', async () => {
    fx = await startFixture({ withIstio: false, seed: false });
    fx.api.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bookinfo' } });
    fx.api.put({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'reviews', namespace: 'bookinfo' }, spec: {} });
    const store = await fx.open();
    expect(store.get('Service', 'bookinfo', 'reviews')).toBeDefined();
    const messages = store.errors().map((e) => e.message);
    expect(messages).toContainEqual(expect.stringMatching(/API group networking\.istio\.io is not served .*Istio installed/));
    expect(messages).toContainEqual(expect.stringMatching(/security\.istio\.io is not served/));
    await expect(store.create(virtualService('ratings'))).rejects.toMatchObject({ code: 'invalid' });
  });

  it('watches only the given namespaces when asked', async () => {
    fx = await startFixture();
    const store = await fx.open({ namespaces: ['bookinfo'] });
    expect(store.namespaces()).toEqual(['bookinfo']);
    expect(store.get('PeerAuthentication', 'istio-system', 'default')).toBeUndefined();
    expect(fx.api.requests.some((r) => r.path === '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices')).toBe(true);
    await expect(store.create(virtualService('x', 'x', 'other'))).rejects.toMatchObject({ code: 'forbidden' });
  });
});
