import type { Deployment, Service } from '../../lib/istio/types';
import type { NamespaceInfo, OverviewNamespace, OverviewResponse, OverviewWorkload } from '../../lib/api/overview';
import type { Core, Feature } from '../core';

const ISTIO_GROUPS = /\.istio\.io\//;

/** Namespaces and the overview, answered from the config store (and the demo, while it runs). */
export const coreApiFeature: Feature = {
  name: 'core',
  async start(core) {
    return {
      routes: [
        { method: 'GET', path: '/api/namespaces', handler: () => ({ body: namespaces(core) }) },
        { method: 'GET', path: '/api/overview', handler: () => ({ body: overview(core) }) },
      ],
    };
  },
};

function namespaceLabels(core: Core): Map<string, Record<string, string>> {
  const labels = new Map<string, Record<string, string>>();
  for (const o of core.configStore.list({ kinds: ['Namespace'] })) labels.set(o.object.metadata.name, o.object.metadata.labels ?? {});
  return labels;
}

export function namespaces(core: Core): NamespaceInfo[] {
  const labels = namespaceLabels(core);
  const names = new Set(core.configStore.namespaces());
  for (const w of core.demo?.workloads() ?? []) names.add(w.namespace);
  return [...names].sort().map((name) => ({ name, cluster: 'Kubernetes', labels: labels.get(name) ?? {}, isControlPlane: name === 'istio-system' }));
}

/** The namespaces Meshlens knows (config store and demo): what a list or graph request may name. */
export function knownNamespaces(core: Core): Set<string> {
  return new Set(namespaces(core).map((n) => n.name));
}

export function overview(core: Core): OverviewResponse {
  const nsLabels = namespaceLabels(core);
  const running = new Map((core.demo?.workloads() ?? []).map((w) => [`${w.namespace}/${w.name}`, w]));
  const byNs = new Map<string, OverviewNamespace>();
  const ns = (name: string): OverviewNamespace => {
    let n = byNs.get(name);
    if (!n) {
      const l = nsLabels.get(name) ?? {};
      n = { name, injection: l['istio-injection'] === 'enabled' || l['istio.io/rev'] !== undefined, workloads: [], services: [], istioConfig: {} };
      byNs.set(name, n);
    }
    return n;
  };
  for (const name of namespaces(core).map((x) => x.name)) ns(name);
  for (const { object } of core.configStore.list()) {
    const namespace = object.metadata.namespace;
    if (!namespace) continue;
    if (object.kind === 'Deployment') {
      const d = object as Deployment;
      const podLabels = d.spec?.template?.metadata?.labels ?? {};
      const inject = d.spec?.template?.metadata?.annotations?.['sidecar.istio.io/inject'] ?? podLabels['sidecar.istio.io/inject'];
      const live = running.get(`${namespace}/${d.metadata.name}`);
      const w: OverviewWorkload = {
        name: d.metadata.name,
        namespace,
        app: podLabels.app ?? d.metadata.name,
        sidecar: live ? live.sidecar : inject !== 'false' && ns(namespace).injection,
        protocol: live?.protocol ?? 'http',
      };
      if (podLabels.version) w.version = podLabels.version;
      if (live) w.port = live.port;
      ns(namespace).workloads.push(w);
    } else if (object.kind === 'Service') {
      ns(namespace).services.push((object as Service).metadata.name);
    } else if (ISTIO_GROUPS.test(object.apiVersion)) {
      const counts = ns(namespace).istioConfig;
      counts[object.kind] = (counts[object.kind] ?? 0) + 1;
    }
  }
  for (const n of byNs.values()) {
    n.workloads.sort((a, b) => a.name.localeCompare(b.name));
    n.services.sort();
  }
  const out: OverviewResponse = {
    demo: { running: Boolean(core.demo) },
    configSource: { kind: core.config.kubeconfig || core.config.inCluster ? 'kubernetes' : 'files', location: core.config.kubeconfig ?? core.config.configDir, errors: core.configStore.errors() },
    namespaces: [...byNs.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
  const gw = core.demo?.workloads().find((w) => w.name === 'istio-ingressgateway');
  if (gw) out.demo.gatewayUrl = `http://127.0.0.1:${gw.port}/productpage`;
  return out;
}
