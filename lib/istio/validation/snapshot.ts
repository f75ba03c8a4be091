import { groupOf, labelsMatch, type K8sObject } from '../types';
import { dig, labelsOf, rec, strMap } from './read';
import type { SourcedObject } from './model';

/** Group-qualified kinds the analyzers read (`group/Kind`; the core group is empty). */
export const GK = {
  VirtualService: 'networking.istio.io/VirtualService',
  DestinationRule: 'networking.istio.io/DestinationRule',
  Gateway: 'networking.istio.io/Gateway',
  ServiceEntry: 'networking.istio.io/ServiceEntry',
  Sidecar: 'networking.istio.io/Sidecar',
  EnvoyFilter: 'networking.istio.io/EnvoyFilter',
  WorkloadEntry: 'networking.istio.io/WorkloadEntry',
  AuthorizationPolicy: 'security.istio.io/AuthorizationPolicy',
  PeerAuthentication: 'security.istio.io/PeerAuthentication',
  RequestAuthentication: 'security.istio.io/RequestAuthentication',
  Telemetry: 'telemetry.istio.io/Telemetry',
  WasmPlugin: 'extensions.istio.io/WasmPlugin',
  Service: '/Service',
  Pod: '/Pod',
  Namespace: '/Namespace',
  Secret: '/Secret',
  ConfigMap: '/ConfigMap',
  Deployment: 'apps/Deployment',
  MutatingWebhookConfiguration: 'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  ValidatingWebhookConfiguration: 'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  CustomResourceDefinition: 'apiextensions.k8s.io/CustomResourceDefinition',
  K8sGateway: 'gateway.networking.k8s.io/Gateway',
} as const;

const CONTROLLERS = ['apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'apps/ReplicaSet', 'batch/Job', 'batch/CronJob'];

/** `group/Kind`, e.g. `networking.istio.io/VirtualService` or `/Service` for the core group. */
export type GroupKind = string;

/** `group/Kind` of an object. */
export function groupKindOf(o: K8sObject): string {
  return `${groupOf(o.apiVersion)}/${o.kind}`;
}

/** The namespace an analyzer compares with: missing namespaces stay empty, as istioctl's test harness leaves them. */
export function nsOf(o: { object: K8sObject }): string {
  return o.object.metadata?.namespace ?? '';
}

/**
 * An index of the objects being validated (Istio and Kubernetes together): by group/kind, by
 * namespace/name, plus the namespaces they mention. Built once per validation run.
 */
export class MeshSnapshot {
  private readonly byGk = new Map<string, SourcedObject[]>();
  private readonly byKey = new Map<string, SourcedObject>();
  private workloadCache: SourcedObject[] | undefined;

  constructor(readonly all: readonly SourcedObject[]) {
    for (const s of all) {
      const gk = groupKindOf(s.object);
      let list = this.byGk.get(gk);
      if (!list) this.byGk.set(gk, (list = []));
      list.push(s);
      this.byKey.set(`${gk}|${nsOf(s)}|${s.object.metadata.name}`, s);
    }
  }

  /** Every object of a group/kind, in input order. */
  of(gk: GroupKind): readonly SourcedObject[] {
    return this.byGk.get(gk) ?? [];
  }

  /** One object by group/kind, namespace ('' for none) and name. */
  get(gk: GroupKind, namespace: string, name: string): SourcedObject | undefined {
    return this.byKey.get(`${gk}|${namespace}|${name}`);
  }

  /**
   * Pods, plus one stand-in pod per workload controller (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
   * CronJob) built from its pod template, so selector checks work on manifests that have not been applied yet.
   * Stand-ins carry the controller's name and namespace; a controller whose pods are already listed is skipped.
   */
  workloads(): readonly SourcedObject[] {
    if (this.workloadCache) return this.workloadCache;
    const pods = [...this.of(GK.Pod)];
    for (const kind of CONTROLLERS) {
      for (const c of this.of(kind)) {
        const tpl = kind === 'batch/CronJob' ? dig(c.object, 'spec', 'jobTemplate', 'spec', 'template') : dig(c.object, 'spec', 'template');
        const meta = rec(dig(tpl, 'metadata')) ?? {};
        const labels = strMap(meta.labels) ?? {};
        const ns = nsOf(c);
        const covered = pods.some((p) => nsOf(p) === ns && Object.keys(labels).length > 0 && labelsMatch(labels, labelsOf(p.object)));
        if (covered) continue;
        const metadata: K8sObject['metadata'] = { name: c.object.metadata.name, labels, annotations: strMap(meta.annotations) ?? {} };
        if (c.object.metadata.namespace !== undefined) metadata.namespace = c.object.metadata.namespace;
        const stand: SourcedObject = { object: { apiVersion: 'v1', kind: 'Pod', metadata, spec: dig(tpl, 'spec') } };
        if (c.source) stand.source = c.source;
        pods.push(stand);
      }
    }
    this.workloadCache = pods;
    return pods;
  }

  /** Namespace objects' names. */
  namespaceObjects(): Set<string> {
    return new Set(this.of(GK.Namespace).map((n) => n.object.metadata.name));
  }

  /** Namespaces known to the snapshot: Namespace objects plus every object's namespace. */
  namespaces(): Set<string> {
    const out = new Set<string>();
    for (const s of this.all) {
      if (groupKindOf(s.object) === GK.Namespace) out.add(s.object.metadata.name);
      const ns = s.object.metadata.namespace;
      if (ns) out.add(ns);
    }
    return out;
  }
}
