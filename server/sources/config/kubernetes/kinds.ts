import type { K8sObject } from '../../../../lib/istio/types';

/** One kind the store mirrors, and where the API server serves it. */
export interface KindInfo {
  kind: string;
  /** API group; '' for the core group. */
  group: string;
  /** Versions to try, most preferred first (Istio: v1, then v1beta1). */
  versions: readonly string[];
  /** The lower-case plural in the URL path. */
  plural: string;
  namespaced: boolean;
  /** Narrows the list/watch (ConfigMaps: only the mesh config, not every ConfigMap in the cluster). */
  fieldSelector?: string;
}

const ISTIO_VERSIONS = ['v1', 'v1beta1'] as const;
const net = (kind: string, plural: string): KindInfo => ({ kind, group: 'networking.istio.io', versions: ISTIO_VERSIONS, plural, namespaced: true });
const sec = (kind: string, plural: string): KindInfo => ({ kind, group: 'security.istio.io', versions: ISTIO_VERSIONS, plural, namespaced: true });

/** Istio config plus the Kubernetes objects validation reads (services, workloads, namespaces, mesh config). */
export const MIRRORED_KINDS: readonly KindInfo[] = [
  net('VirtualService', 'virtualservices'),
  net('DestinationRule', 'destinationrules'),
  net('Gateway', 'gateways'),
  net('ServiceEntry', 'serviceentries'),
  net('Sidecar', 'sidecars'),
  net('WorkloadEntry', 'workloadentries'),
  // EnvoyFilter is only served as v1alpha3, in every Istio release so far.
  { kind: 'EnvoyFilter', group: 'networking.istio.io', versions: ['v1alpha3'], plural: 'envoyfilters', namespaced: true },
  sec('PeerAuthentication', 'peerauthentications'),
  sec('AuthorizationPolicy', 'authorizationpolicies'),
  sec('RequestAuthentication', 'requestauthentications'),
  { kind: 'Service', group: '', versions: ['v1'], plural: 'services', namespaced: true },
  { kind: 'Pod', group: '', versions: ['v1'], plural: 'pods', namespaced: true },
  { kind: 'Namespace', group: '', versions: ['v1'], plural: 'namespaces', namespaced: false },
  { kind: 'ConfigMap', group: '', versions: ['v1'], plural: 'configmaps', namespaced: true, fieldSelector: 'metadata.name=istio' },
  { kind: 'Deployment', group: 'apps', versions: ['v1'], plural: 'deployments', namespaced: true },
];

export function kindInfo(kind: string): KindInfo | undefined {
  return MIRRORED_KINDS.find((k) => k.kind === kind);
}

/** `group/version`, or just `version` for the core group. */
export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** The collection or object path: `/apis/<g>/<v>[/namespaces/<ns>]/<plural>[/<name>]` (`/api/v1/...` for core). */
export function resourcePath(info: KindInfo, version: string, namespace?: string, name?: string): string {
  const root = info.group ? `/apis/${info.group}/${version}` : `/api/${version}`;
  const ns = info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const tail = name === undefined ? '' : `/${encodeURIComponent(name)}`;
  return `${root}${ns}/${info.plural}${tail}`;
}

/**
 * What the index keeps of an object from the API server: no managedFields (large, and of no use to validation),
 * and Pods cut down to what workload lookups read, since a cluster can hold many thousands of them.
 */
export function slimObject(o: K8sObject): K8sObject {
  const { managedFields: _mf, ...metadata } = o.metadata as K8sObject['metadata'] & { managedFields?: unknown };
  if (o.kind !== 'Pod') return { ...o, metadata };
  const spec = (o.spec ?? {}) as { serviceAccountName?: string; nodeName?: string; containers?: unknown[]; initContainers?: unknown[] };
  const status = (o.status ?? {}) as { phase?: string; podIP?: string };
  const meta = metadata as typeof metadata & { ownerReferences?: unknown };
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    metadata: {
      name: meta.name,
      namespace: meta.namespace,
      labels: meta.labels,
      annotations: meta.annotations,
      resourceVersion: meta.resourceVersion,
      uid: meta.uid,
      creationTimestamp: meta.creationTimestamp,
      ...(meta.ownerReferences ? { ownerReferences: meta.ownerReferences } : {}),
    },
    spec: {
      serviceAccountName: spec.serviceAccountName,
      containers: slimContainers(spec.containers),
      // Native sidecars (istio-proxy as a restartable init container) live here.
      ...(spec.initContainers ? { initContainers: slimContainers(spec.initContainers) } : {}),
    },
    status: { phase: status.phase, podIP: status.podIP },
  };
}

function slimContainers(list: unknown[] | undefined): { name?: string; image?: string; ports?: unknown }[] {
  if (!Array.isArray(list)) return [];
  return list.map((c) => {
    const { name, image, ports } = (c ?? {}) as { name?: string; image?: string; ports?: unknown };
    return { name, image, ...(ports ? { ports } : {}) };
  });
}
