import { afterEach, describe, expect, it } from 'vitest';
import type { K8sObject } from '../../../../lib/istio/types';
import { StoreError, type ConfigChange } from '../store';
import { startFixture, virtualService, waitFor, type StoreFixture } from './store-fixture';

let fx: StoreFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

const withSubset = (o: K8sObject, subset: string): K8sObject => ({ ...o, spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset } }] }] } });

describe('KubernetesConfigStore writes (server-side apply against FakeKubeApi)', () => {
  it('creates, replaces and removes through server-side apply as field manager meshlens', async () => {
    fx = await startFixture();
    const store = await fx.open();
    const changes: ConfigChange[] = [];
    store.subscribe((c) => changes.push(c));

    const created = await store.create(virtualService('ratings'));
    const apply = fx.api.requests.at(-1);
    expect(apply).toMatchObject({ method: 'PATCH', path: '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices/ratings', contentType: 'application/apply-patch+yaml' });
    expect(apply?.query).toEqual({ fieldManager: 'meshlens', force: 'false' });
    expect(apply?.body).toEqual(virtualService('ratings'));
    expect(created.resourceVersion).toBe(fx.api.get('VirtualService', 'bookinfo', 'ratings')?.metadata.resourceVersion);
    // The server's answer carries managedFields; the store returns the object as reads show it, without them.
    expect(fx.api.get('VirtualService', 'bookinfo', 'ratings')?.metadata).toHaveProperty('managedFields');
    expect(created.object.metadata).not.toHaveProperty('managedFields');
    // Readable at once (indexed from the answer), and the watch's copy of the same change is not a second event.
    expect(store.get('VirtualService', 'bookinfo', 'ratings')?.resourceVersion).toBe(created.resourceVersion);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.changed).toEqual([{ kind: 'VirtualService', namespace: 'bookinfo', name: 'ratings', type: 'added' }]);

    // Server-owned fields from a read-modify-write are not sent back; the expected version goes in as the precondition.
    const replaced = await store.replace(withSubset(created.object, 'v2'), created.resourceVersion);
    const body = fx.api.requests.at(-1)?.body as K8sObject;
    expect(body.metadata).toEqual({ name: 'ratings', namespace: 'bookinfo', resourceVersion: created.resourceVersion });
    expect(fx.api.get('VirtualService', 'bookinfo', 'ratings')?.spec).toEqual(withSubset(created.object, 'v2').spec);
    expect(Number(replaced.resourceVersion)).toBeGreaterThan(Number(created.resourceVersion));

    const removed = await store.remove('VirtualService', 'bookinfo', 'ratings', replaced.resourceVersion);
    expect(fx.api.requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices/ratings', body: { preconditions: { resourceVersion: replaced.resourceVersion } } });
    expect(removed.object.metadata.name).toBe('ratings');
    expect(fx.api.get('VirtualService', 'bookinfo', 'ratings')).toBeUndefined();
    expect(store.get('VirtualService', 'bookinfo', 'ratings')).toBeUndefined();
    await new Promise((r) => setTimeout(r, 200)); // let the watch deliver its copies of the three changes
    expect(changes.map((c) => c.changed[0]?.type)).toEqual(['added', 'modified', 'deleted']);
  });

  it('dryRun=All validates on the server and writes nothing', async () => {
    fx = await startFixture();
    const store = await fx.open();
    const rvBefore = fx.api.store.rv;
    const current = store.get('VirtualService', 'bookinfo', 'reviews');

    const dryCreate = await store.create(virtualService('ratings'), { dryRun: true });
    expect(fx.api.requests.at(-1)?.query).toMatchObject({ dryRun: 'All', fieldManager: 'meshlens' });
    expect(dryCreate.object.spec).toEqual(virtualService('ratings').spec);
    const dryReplace = await store.replace(withSubset(virtualService('reviews'), 'v3'), current?.resourceVersion, { dryRun: true });
    expect(dryReplace.object.spec).toEqual(withSubset(virtualService('reviews'), 'v3').spec);
    await store.remove('VirtualService', 'bookinfo', 'reviews', undefined, { dryRun: true });
    expect(fx.api.requests.at(-1)?.query).toEqual({ dryRun: 'All' });

    expect(fx.api.store.rv).toBe(rvBefore);
    expect(fx.api.get('VirtualService', 'bookinfo', 'ratings')).toBeUndefined();
    expect(fx.api.get('VirtualService', 'bookinfo', 'reviews')?.spec).toEqual(virtualService('reviews').spec);
    expect(store.get('VirtualService', 'bookinfo', 'ratings')).toBeUndefined();
    expect(store.get('VirtualService', 'bookinfo', 'reviews')).toEqual(current);
    // A dry run still reports what the server would refuse.
    await expect(store.create({ ...virtualService('Bad_Name') }, { dryRun: true })).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('RFC 1123') });
  });

  it('a stale resourceVersion is a conflict carrying the server message, for replace and remove', async () => {
    fx = await startFixture();
    const store = await fx.open();
    const seen = store.get('VirtualService', 'bookinfo', 'reviews');
    const theirs = fx.api.put(withSubset(virtualService('reviews'), 'v3'), 'meshlens');
    const err = await store.replace(withSubset(virtualService('reviews'), 'v2'), seen?.resourceVersion).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err).toMatchObject({ code: 'conflict', message: expect.stringContaining('the object has been modified') });
    await expect(store.remove('VirtualService', 'bookinfo', 'reviews', seen?.resourceVersion)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('Precondition failed') });
    expect(fx.api.get('VirtualService', 'bookinfo', 'reviews')?.spec).toEqual(theirs.spec);
  });

  it("changing a field another manager owns is a conflict naming that manager (apply without force)", async () => {
    fx = await startFixture();
    const store = await fx.open();
    // The seeded DestinationRule was created by kubectl, which owns its spec fields.
    const dr = store.get('DestinationRule', 'bookinfo', 'reviews');
    const next = { ...dr!.object, spec: { host: 'reviews', subsets: [{ name: 'v2', labels: { version: 'v2' } }] } };
    await expect(store.replace(next, dr?.resourceVersion)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('conflict with "kubectl": .spec.subsets') });
    expect(fx.api.requests.at(-1)?.query.force).toBe('false');
    // Only when the user explicitly asks does Meshlens take the fields over (apply with force).
    const taken = await store.replace(next, dr?.resourceVersion, { takeOwnership: true });
    expect(fx.api.requests.at(-1)?.query.force).toBe('true');
    expect(taken.object.spec).toEqual(next.spec);
  });

  it('maps refusals: exists, not_found (object or namespace missing), invalid, unsupported kinds', async () => {
    fx = await startFixture();
    const store = await fx.open();
    await expect(store.create(virtualService('reviews'))).rejects.toMatchObject({ code: 'exists' });
    await expect(store.replace(virtualService('nope'))).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.create(virtualService('x', 'x', 'missing-ns'))).rejects.toMatchObject({ code: 'not_found', message: 'namespaces "missing-ns" not found' });
    await expect(store.remove('VirtualService', 'bookinfo', 'nope')).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.create({ ...virtualService('x'), spec: 'oops' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(store.create({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'bookinfo' } })).rejects.toMatchObject({ code: 'invalid' });
    await expect(store.create({ ...virtualService('x'), metadata: { name: 'x' } })).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('namespace') });
    // Replacing an object deleted behind the store's back (index not caught up yet) is not_found from the server.
    const seen = store.get('VirtualService', 'bookinfo', 'reviews');
    // The check against the index runs before the watch can deliver this delete.
    fx.api.remove('VirtualService', 'bookinfo', 'reviews');
    await expect(store.replace(virtualService('reviews'), seen?.resourceVersion)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a write refused for lack of permission is forbidden, and the store keeps serving', async () => {
    fx = await startFixture();
    const store = await fx.open();
    await waitFor(() => fx!.api.openWatches() >= 15, 5000, 'watches open');
    // Credentials revoked after start: writes answer 401, which is a permission problem for the caller.
    fx.api.token = 'rotated';
    await expect(store.create(virtualService('ratings'))).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('credentials') });
    expect(store.get('VirtualService', 'bookinfo', 'reviews')).toBeDefined();
  });
});
