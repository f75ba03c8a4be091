import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, waitFor, type StoreFixture } from '../sources/config/kubernetes/store-fixture';
import { startApiServer, type ApiFixture } from '../testing/api-server';

/** The whole server with the Kubernetes API as its config store (a FakeKubeApi test double), end to end. */
describe('server on the Kubernetes config store', () => {
  let kube: StoreFixture;
  let f: ApiFixture;
  beforeAll(async () => {
    kube = await startFixture();
    f = await startApiServer({ kubeconfig: kube.kubeconfig, demo: false });
  });
  afterAll(async () => {
    await f.close();
    await kube.close();
  });

  it('lists the cluster objects with validations and the namespaces', async () => {
    const list = (await f.call('GET', '/api/istio/config?namespaces=bookinfo')).body as { items: { object: { kind: string; metadata: { name: string } } }[] };
    expect(list.items.map((i) => `${i.object.kind}/${i.object.metadata.name}`).sort()).toEqual(['DestinationRule/reviews', 'VirtualService/reviews']);
    const ns = (await f.call('GET', '/api/namespaces')).body as { name: string }[];
    expect(ns.map((n) => n.name)).toEqual(expect.arrayContaining(['bookinfo', 'istio-system']));
  });

  it('writes through server-side apply and follows an external change by watch', async () => {
    const path = '/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService/reviews';
    const cur = (await f.call('GET', path)).body as { object: { spec: { http: { timeout?: string }[] }; metadata: Record<string, unknown> }; resourceVersion: string };
    cur.object.spec.http[0] = { ...cur.object.spec.http[0], timeout: '3s' };
    cur.object.metadata.resourceVersion = cur.resourceVersion;
    const r = await f.call('PUT', path, cur.object);
    expect(r.status).toBe(200);
    const stale = await f.call('PUT', path, cur.object);
    expect(stale.status).toBe(409);
    const rv = (r.body as { resourceVersion: string }).resourceVersion;
    kube.api.put({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'ratings', namespace: 'bookinfo' }, spec: { hosts: ['ratings'], http: [{ route: [{ destination: { host: 'ratings' } }] }] } });
    await waitFor(() => f.server.core.configStore.get('VirtualService', 'bookinfo', 'ratings') !== undefined, 5000, 'the watch to deliver the new object');
    expect(rv).not.toBe(cur.resourceVersion);
  });
});
