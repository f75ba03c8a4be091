import path from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_TLS } from './fake-kube-api';
import { startFixture, virtualService, waitFor, type StoreFixture } from './store-fixture';

let fx: StoreFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

const allWatchesOpen = (f: StoreFixture) => waitFor(() => f.api.openWatches() >= 15, 5000, 'all watches open');

describe('KubernetesConfigStore failures (against FakeKubeApi)', () => {
  it('refuses to open with a clear message when the API server rejects the credentials (401)', async () => {
    fx = await startFixture();
    const wrong = await fx.api.writeKubeconfig(path.join(fx.dir, 'wrong.yaml'), { token: 'not-the-token' });
    await expect(fx.open({ kubeconfigPath: wrong })).rejects.toThrow(/refused the credentials \(401 Unauthorized\)/);
  });

  it('refuses to open with a clear message when the API server is down', async () => {
    fx = await startFixture();
    await fx.api.stop();
    await expect(fx.open()).rejects.toThrow(new RegExp(`cannot reach the Kubernetes API server at http://127\\.0\\.0\\.1:${fx.api.port}: ECONNREFUSED`));
  });

  it('says what is wrong with a missing or malformed kubeconfig', async () => {
    fx = await startFixture();
    await expect(fx.open({ kubeconfigPath: path.join(fx.dir, 'nope.yaml') })).rejects.toThrow(/kubeconfig .*nope\.yaml does not exist/);
    const broken = path.join(fx.dir, 'broken.yaml');
    await writeFile(broken, 'clusters: [\n');
    await expect(fx.open({ kubeconfigPath: broken })).rejects.toThrow(/cannot read kubeconfig .*broken\.yaml/);
  });

  it('reports a lost API server in errors(), keeps serving the last state, and catches up when it returns', async () => {
    fx = await startFixture();
    const store = await fx.open();
    await allWatchesOpen(fx);
    await fx.api.stop();
    await waitFor(() => store.errors().length >= 15, 5000, 'errors for every watch');
    expect(store.errors()[0]?.message).toMatch(/cannot reach the Kubernetes API server|lost the watch connection/);
    expect(store.errors().map((e) => e.file)).toContain('kubernetes:networking.istio.io/v1/virtualservices');
    // Reads still answer from the mirror.
    expect(store.get('VirtualService', 'bookinfo', 'reviews')).toBeDefined();
    await expect(store.create(virtualService('ratings'))).rejects.toThrow(/cannot reach the Kubernetes API server/);

    // Changes made while the store could not see them.
    fx.api.put(virtualService('details'));
    fx.api.remove('DestinationRule', 'bookinfo', 'reviews');
    await fx.api.restart();
    await waitFor(() => store.errors().length === 0, 5000, 'errors to clear');
    await waitFor(() => !!store.get('VirtualService', 'bookinfo', 'details') && !store.get('DestinationRule', 'bookinfo', 'reviews'), 5000, 'the missed changes');
  });

  it.each([
    ['an ERROR event in the watch stream', false],
    ['an HTTP 410 answer', true],
  ])('relists when the watch history has expired (410 Gone as %s), picking up adds and deletes it missed', async (_how, asStatus) => {
    fx = await startFixture();
    fx.api.goneAsHttpStatus = asStatus;
    const store = await fx.open();
    await allWatchesOpen(fx);
    const lists = () => fx!.api.requests.filter((r) => r.path === '/apis/networking.istio.io/v1/virtualservices' && r.query.watch !== 'true').length;
    expect(lists()).toBe(1);
    // Watches end, and before the store reopens them the server compacts its history past the store's resourceVersion.
    fx.api.endWatches();
    fx.api.put(virtualService('details'));
    fx.api.remove('VirtualService', 'bookinfo', 'reviews');
    fx.api.compact();
    await waitFor(() => !!store.get('VirtualService', 'bookinfo', 'details') && !store.get('VirtualService', 'bookinfo', 'reviews'), 5000, 'the relisted state');
    expect(lists()).toBe(2);
    expect(store.errors()).toEqual([]);
    // And it watches on from the new list.
    fx.api.put(virtualService('ratings'));
    await waitFor(() => !!store.get('VirtualService', 'bookinfo', 'ratings'), 5000, 'a change after the relist');
  });

  it('a list the API server forbids (403) shows in errors() with the RBAC message; the other kinds still load', async () => {
    fx = await startFixture();
    fx.api.forbidden.add('pods');
    const store = await fx.open();
    expect(store.get('Service', 'bookinfo', 'reviews')).toBeDefined();
    expect(store.list({ kinds: ['Pod'] })).toEqual([]);
    expect(store.errors()).toEqual([{ file: 'kubernetes:v1/pods', message: expect.stringMatching(/^403 Forbidden: pods is forbidden: User .* cannot list resource "pods"/) }]);
    // Permission granted later: the retry loop recovers.
    fx.api.forbidden.delete('pods');
    await waitFor(() => store.list({ kinds: ['Pod'] }).length === 1 && store.errors().length === 0, 5000, 'pods after the grant');
  });

  it('malformed JSON from the server (list or watch event) is reported and the store recovers by relisting', async () => {
    fx = await startFixture();
    fx.api.malformedLists = 1;
    const store = await fx.open();
    // Whichever list got the broken answer retries and the store converges.
    await waitFor(() => store.errors().length === 0 && store.list({ kinds: ['Namespace'] }).length === 3 && !!store.get('VirtualService', 'bookinfo', 'reviews'), 5000, 'recovery from a malformed list');
    expect(fx.api.malformedLists).toBe(0);

    await allWatchesOpen(fx);
    const listsBefore = fx.api.requests.filter((r) => r.query.watch !== 'true' && r.path.endsWith('/virtualservices')).length;
    fx.api.writeToWatches('{"type":"MODIFIED","object":{"metad');
    await waitFor(() => fx!.api.requests.filter((r) => r.query.watch !== 'true' && r.path.endsWith('/virtualservices')).length > listsBefore, 5000, 'a relist after the malformed event');
    fx.api.put(virtualService('ratings'));
    await waitFor(() => !!store.get('VirtualService', 'bookinfo', 'ratings'), 5000, 'watching again');
  });

  it('close() stops every watch', async () => {
    fx = await startFixture();
    const store = await fx.open();
    await allWatchesOpen(fx);
    await store.close();
    await waitFor(() => fx!.api.openWatches() === 0, 5000, 'watches closed');
    const before = fx.api.requests.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(fx.api.requests.length).toBe(before);
  });
});

describe('KubernetesConfigStore over TLS (FakeKubeApi with its test certificate)', () => {
  it('connects with the kubeconfig certificate authority, and lists and watches as over http', async () => {
    fx = await startFixture({ tls: true });
    expect(fx.api.url).toMatch(/^https:/);
    const store = await fx.open();
    expect(store.get('VirtualService', 'bookinfo', 'reviews')).toBeDefined();
    fx.api.put(virtualService('ratings'));
    await waitFor(() => !!store.get('VirtualService', 'bookinfo', 'ratings'), 5000, 'a change over the TLS watch');
    await store.create(virtualService('details'));
    expect(fx.api.get('VirtualService', 'bookinfo', 'details')).toBeDefined();
  });

  it('refuses a server whose certificate it cannot verify, saying why', async () => {
    fx = await startFixture({ tls: true });
    const untrusted = await fx.api.writeKubeconfig(path.join(fx.dir, 'untrusted.yaml'), { trustCa: false });
    await expect(fx.open({ kubeconfigPath: untrusted })).rejects.toThrow(/cannot reach the Kubernetes API server at https:\/\/127\.0\.0\.1:\d+: (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)/);
  });

  it('in-cluster: uses KUBERNETES_SERVICE_HOST/PORT and the service account token and CA', async () => {
    fx = await startFixture({ tls: true });
    const sa = path.join(fx.dir, 'var/run/secrets/kubernetes.io/serviceaccount');
    await mkdir(sa, { recursive: true });
    await writeFile(path.join(sa, 'token'), fx.api.token);
    await writeFile(path.join(sa, 'ca.crt'), FAKE_TLS.cert);
    const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
    try {
      delete process.env.KUBERNETES_SERVICE_HOST;
      await expect(fx.open({ kubeconfigPath: undefined, inCluster: true, inClusterRoot: fx.dir })).rejects.toThrow(/KUBERNETES_SERVICE_HOST is not set/);
      process.env.KUBERNETES_SERVICE_HOST = '127.0.0.1';
      process.env.KUBERNETES_SERVICE_PORT = String(fx.api.port);
      const store = await fx.open({ kubeconfigPath: undefined, inCluster: true, inClusterRoot: fx.dir });
      expect(store.server).toBe(fx.api.url);
      expect(store.get('Service', 'bookinfo', 'reviews')).toBeDefined();
    } finally {
      for (const [k, v] of [['KUBERNETES_SERVICE_HOST', saved.host], ['KUBERNETES_SERVICE_PORT', saved.port]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
