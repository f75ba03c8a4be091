import type { AppItem, IstioRef, Pod, WorkloadItem } from '../../../lib/api/workloads';
import { configForWorkload } from '../../../lib/envoy/workload-config';
import { labelsMatch, type Deployment, type K8sObject, type Service } from '../../../lib/istio/types';
import type { ValidationMessage } from '../../../lib/api/validation';

/** What the workload answers are built from: the config store's objects and the source's pods of one namespace. */
export interface NamespaceInputs {
  namespace: string;
  objects: readonly K8sObject[];
  pods: Pod[];
  validationsOf: (o: { kind: string; namespace: string; name: string }) => ValidationMessage[];
}

interface WorkloadModel {
  item: WorkloadItem;
  pods: Pod[];
  config: IstioRef[];
}

function sidecarState(pods: Pod[], injected: boolean): WorkloadItem['sidecar'] {
  if (pods.length === 0) return injected ? { state: 'present', reason: 'no pods running; new pods get a sidecar (injection is on)' } : { state: 'missing', reason: 'no pods running, and injection is off' };
  const with_ = pods.filter((p) => p.sidecar).length;
  if (with_ === pods.length) return { state: 'present', reason: `all ${pods.length} pod${pods.length === 1 ? ' has' : 's have'} an istio-proxy sidecar` };
  if (with_ === 0) return { state: 'missing', reason: `no pod has an istio-proxy sidecar${injected ? ' (injection is on: restart the pods to inject it)' : ''}` };
  return { state: 'partial', reason: `${with_} of ${pods.length} pods have an istio-proxy sidecar: restart the others` };
}

function counts(refs: IstioRef[]): WorkloadItem['validations'] {
  const all = refs.flatMap((r) => r.validations);
  return { errors: all.filter((m) => m.level === 'Error').length, warnings: all.filter((m) => m.level === 'Warning').length, infos: all.filter((m) => m.level === 'Info').length };
}

/**
 * Every workload of a namespace: its Deployments (from the config store) joined with the pods the source reports
 * for them, plus pods whose owner is not a known Deployment; each with its services and the Istio objects that apply.
 */
export function workloadModels(input: NamespaceInputs): WorkloadModel[] {
  const { namespace, objects } = input;
  const nsObj = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === namespace);
  const injection = nsObj?.metadata.labels?.['istio-injection'] === 'enabled' || nsObj?.metadata.labels?.['istio.io/rev'] !== undefined;
  const deployments = objects.filter((o): o is Deployment => o.kind === 'Deployment' && o.metadata.namespace === namespace);
  const services = objects.filter((o): o is Service => o.kind === 'Service' && o.metadata.namespace === namespace);
  const named = new Map<string, { labels: Record<string, string>; type: string; inject: boolean }>();
  for (const d of deployments) {
    const tpl = d.spec?.template?.metadata;
    const inject = (tpl?.annotations?.['sidecar.istio.io/inject'] ?? tpl?.labels?.['sidecar.istio.io/inject']) !== 'false' && injection;
    named.set(d.metadata.name, { labels: tpl?.labels ?? {}, type: 'Deployment', inject });
  }
  for (const p of input.pods) if (!named.has(p.workload)) named.set(p.workload, { labels: p.labels, type: 'Pod', inject: injection });
  const out: WorkloadModel[] = [];
  for (const [name, w] of named) {
    const pods = input.pods.filter((p) => p.workload === name);
    const labels = pods[0]?.labels ?? w.labels;
    const config = configForWorkload(objects, { namespace, labels }).map((r) => ({ ...r, validations: input.validationsOf(r) }));
    const ready = pods.filter((p) => p.ready).length;
    const item: WorkloadItem = {
      name, namespace, type: w.type, labels,
      istioSidecar: pods.length > 0 ? pods.every((p) => p.sidecar) : w.inject,
      sidecar: sidecarState(pods, w.inject),
      podCount: pods.length,
      readyPodCount: ready,
      services: services.filter((s) => Object.keys(s.spec?.selector ?? {}).length > 0 && labelsMatch(s.spec?.selector, labels)).map((s) => s.metadata.name).sort(),
      istioReferences: config.map(({ validations: _v, ...r }) => r),
      validations: counts(config),
    };
    if (labels.app) item.app = labels.app;
    if (labels.version) item.version = labels.version;
    if (pods.length === 0) item.notReadyReason = 'no pods';
    else if (ready < pods.length) item.notReadyReason = pods.filter((p) => !p.ready).map((p) => `${p.name}: ${p.reason ?? 'not ready'}`).join('; ');
    out.push({ item, pods, config });
  }
  return out.sort((a, b) => a.item.name.localeCompare(b.item.name));
}

/** Applications: workloads grouped by their `app` label (workloads without one are not an application, as in Kiali). */
export function appModels(models: WorkloadModel[]): { item: AppItem; config: IstioRef[] }[] {
  const byApp = new Map<string, WorkloadModel[]>();
  for (const m of models) {
    const app = m.item.app;
    if (!app) continue;
    byApp.set(app, [...(byApp.get(app) ?? []), m]);
  }
  return [...byApp.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, ws]) => {
    const seen = new Set<string>();
    const config = ws.flatMap((w) => w.config).filter((r) => {
      const k = `${r.kind}/${r.namespace}/${r.name}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
    const pods = ws.flatMap((w) => w.pods);
    const allSidecar = ws.every((w) => w.item.istioSidecar);
    const item: AppItem = {
      name,
      namespace: ws[0]?.item.namespace ?? '',
      istioSidecar: allSidecar,
      sidecar: sidecarState(pods, allSidecar),
      labels: { app: name },
      versions: [...new Set(ws.map((w) => w.item.version).filter((v): v is string => Boolean(v)))].sort(),
      workloads: ws.map((w) => ({ name: w.item.name, ...(w.item.version ? { version: w.item.version } : {}), istioSidecar: w.item.istioSidecar, podCount: w.item.podCount, readyPodCount: w.item.readyPodCount })),
      serviceNames: [...new Set(ws.flatMap((w) => w.item.services))].sort(),
      validations: counts(config),
    };
    return { item, config };
  });
}
