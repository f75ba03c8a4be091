import type { InventoryWorkload, MeshConfigSnapshot } from '../../../lib/graph/appenders/types';
import { labelsMatch, type Deployment, type DestinationRule, type Gateway, type Service, type ServiceEntry, type VirtualService } from '../../../lib/istio/types';
import type { Core } from '../../core';

/** The config objects the graph's badges read, from the config store (a synchronous snapshot). */
export function meshConfigSnapshot(core: Pick<Core, 'configStore'>): MeshConfigSnapshot {
  const objects = core.configStore.list({ kinds: ['VirtualService', 'DestinationRule', 'ServiceEntry', 'Gateway'] }).map((s) => s.object);
  return {
    virtualServices: objects.filter((o): o is VirtualService => o.kind === 'VirtualService'),
    destinationRules: objects.filter((o): o is DestinationRule => o.kind === 'DestinationRule'),
    serviceEntries: objects.filter((o): o is ServiceEntry => o.kind === 'ServiceEntry'),
    gateways: objects.filter((o): o is Gateway => o.kind === 'Gateway'),
  };
}

/**
 * Workloads known to exist: the demo's (which know whether they carry a sidecar) and Deployments in the config
 * store (sidecar unless `sidecar.istio.io/inject: "false"`), each with the Services selecting it.
 */
export function inventory(core: Pick<Core, 'configStore' | 'demo'>): InventoryWorkload[] | undefined {
  const stored = core.configStore.list({ kinds: ['Deployment', 'Service'] }).map((s) => s.object);
  const services = stored.filter((o): o is Service => o.kind === 'Service');
  const deployments = stored.filter((o): o is Deployment => o.kind === 'Deployment');
  const byKey = new Map<string, InventoryWorkload>();
  const servicesOf = (namespace: string, labels: Record<string, string>) =>
    services
      .filter((s) => (s.metadata.namespace ?? 'default') === namespace && s.spec?.selector && Object.keys(s.spec.selector).length > 0 && labelsMatch(s.spec.selector, labels))
      .map((s) => s.metadata.name)
      .sort();
  for (const d of deployments) {
    const namespace = d.metadata.namespace ?? 'default';
    const labels = d.spec?.template?.metadata?.labels ?? {};
    const inject = d.spec?.template?.metadata?.annotations?.['sidecar.istio.io/inject'] ?? labels['sidecar.istio.io/inject'];
    byKey.set(`${namespace}/${d.metadata.name}`, {
      namespace,
      workload: d.metadata.name,
      app: labels.app ?? '',
      version: labels.version ?? '',
      sidecar: inject !== 'false',
      services: servicesOf(namespace, labels),
    });
  }
  for (const w of core.demo?.workloads() ?? []) {
    const labels: Record<string, string> = { app: w.app, ...(w.version ? { version: w.version } : {}) };
    byKey.set(`${w.namespace}/${w.name}`, {
      namespace: w.namespace,
      workload: w.name,
      app: w.app,
      version: w.version ?? '',
      sidecar: w.sidecar,
      services: byKey.get(`${w.namespace}/${w.name}`)?.services ?? servicesOf(w.namespace, labels),
    });
  }
  return byKey.size > 0 ? [...byKey.values()] : undefined;
}
