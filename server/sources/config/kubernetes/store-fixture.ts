/** Test helpers for the Kubernetes store's integration tests: a seeded FakeKubeApi and a store opened against it. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { K8sObject } from '../../../../lib/istio/types';
import { FakeKubeApi, type FakeKubeApiOptions } from './fake-kube-api';
import { KubernetesConfigStore, type KubernetesStoreOptions } from './kubernetes-store';

export const FAST_TIMING = { backoffInitialMs: 50, backoffMaxMs: 200, watchTimeoutSeconds: 30 };

export const virtualService = (name: string, host = name, namespace = 'bookinfo', apiVersion = 'networking.istio.io/v1'): K8sObject => ({
  apiVersion,
  kind: 'VirtualService',
  metadata: { name, namespace },
  spec: { hosts: [host], http: [{ route: [{ destination: { host, subset: 'v1' } }] }] },
});

/** A small bookinfo-like cluster: namespaces, a Service, a Deployment, a Pod, the mesh ConfigMap and some Istio config. */
export function seed(api: FakeKubeApi): void {
  for (const name of ['bookinfo', 'istio-system', 'other']) api.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  api.put({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'reviews', namespace: 'bookinfo', labels: { app: 'reviews' } }, spec: { selector: { app: 'reviews' }, ports: [{ name: 'http', port: 9080 }] } });
  api.put({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'reviews-v1', namespace: 'bookinfo' }, spec: { selector: { matchLabels: { app: 'reviews', version: 'v1' } }, template: { metadata: { labels: { app: 'reviews', version: 'v1' } } } } });
  api.put({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'reviews-v1-abc', namespace: 'bookinfo', labels: { app: 'reviews', version: 'v1' }, annotations: { 'sidecar.istio.io/status': '{}' }, managedFields: [{ manager: 'kubelet' }] } as K8sObject['metadata'],
    spec: { serviceAccountName: 'bookinfo-reviews', nodeName: 'node-1', volumes: [{ name: 'big' }], containers: [{ name: 'reviews', image: 'reviews:v1', env: [{ name: 'SECRET', value: 'x' }] }, { name: 'istio-proxy', image: 'proxyv2:1.24' }] },
    status: { phase: 'Running', podIP: '10.0.0.7', conditions: [{ type: 'Ready' }] },
  });
  api.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace: 'istio-system' }, data: { mesh: 'defaultConfig: {}' } });
  api.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'unrelated', namespace: 'bookinfo' }, data: { big: 'x' } });
  api.put(virtualService('reviews'), 'meshlens');
  api.put({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'reviews', namespace: 'bookinfo' }, spec: { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] } });
  api.put({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRICT' } } });
}

export interface StoreFixture {
  api: FakeKubeApi;
  kubeconfig: string;
  dir: string;
  open(over?: Partial<KubernetesStoreOptions>): Promise<KubernetesConfigStore>;
  close(): Promise<void>;
}

export async function startFixture(opts: FakeKubeApiOptions & { seed?: boolean } = {}): Promise<StoreFixture> {
  const api = await FakeKubeApi.start(opts);
  if (opts.seed !== false) seed(api);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meshlens-kube-'));
  const kubeconfig = await api.writeKubeconfig(path.join(dir, 'kubeconfig.yaml'));
  const stores: KubernetesConfigStore[] = [];
  return {
    api,
    kubeconfig,
    dir,
    async open(over = {}) {
      const store = await KubernetesConfigStore.open({ kubeconfigPath: kubeconfig, log: pino({ level: 'silent' }), timing: FAST_TIMING, ...over });
      stores.push(store);
      return store;
    },
    async close() {
      await Promise.all(stores.map((s) => s.close()));
      await api.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns true (or throws after `ms`). */
export async function waitFor(check: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
