import type { ContainerInfo, PodInfo } from './source';

interface KubeContainer { name?: string; image?: string; resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }
interface KubeContainerStatus { name?: string; ready?: boolean; restartCount?: number; state?: Record<string, { reason?: string } | undefined> }
/** The parts of a Kubernetes Pod object read here. */
export interface KubePod {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; creationTimestamp?: string; ownerReferences?: { kind?: string; name?: string }[] };
  spec?: { nodeName?: string; serviceAccountName?: string; containers?: KubeContainer[]; initContainers?: KubeContainer[] };
  status?: { phase?: string; podIP?: string; conditions?: { type?: string; status?: string; reason?: string; message?: string }[]; containerStatuses?: KubeContainerStatus[]; initContainerStatuses?: KubeContainerStatus[] };
}

/** The Deployment behind a pod: its ReplicaSet owner without the pod-template hash, else the owner, else the pod. */
export function workloadOf(p: KubePod): string {
  const owner = p.metadata?.ownerReferences?.[0];
  const hash = p.metadata?.labels?.['pod-template-hash'];
  if (owner?.kind === 'ReplicaSet' && owner.name) return hash && owner.name.endsWith(`-${hash}`) ? owner.name.slice(0, -hash.length - 1) : owner.name.replace(/-[a-z0-9]{5,10}$/, '');
  return owner?.name ?? p.metadata?.name ?? '';
}

function stateText(s: KubeContainerStatus | undefined): string {
  const [k, v] = Object.entries(s?.state ?? {}).find(([, x]) => x !== undefined) ?? ['unknown', undefined];
  return v?.reason ? `${k}: ${v.reason}` : k;
}

/** A Pod object as the workload pages need it. */
export function podInfo(p: KubePod): PodInfo {
  const statuses = [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])];
  // Native sidecars (Kubernetes 1.28+) put istio-proxy among the init containers.
  const specs = [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? []).filter((c) => c.name === 'istio-proxy')];
  const containers: ContainerInfo[] = specs.slice(0, 64).map((c) => {
    const s = statuses.find((x) => x.name === c.name);
    const out: ContainerInfo = { name: c.name ?? '', image: c.image ?? '', ready: s?.ready ?? false, restarts: s?.restartCount ?? 0, state: stateText(s) };
    if (c.resources && (c.resources.requests || c.resources.limits)) out.resources = c.resources;
    return out;
  });
  const ready = p.status?.conditions?.find((c) => c.type === 'Ready');
  const annotations = p.metadata?.annotations ?? {};
  const info: PodInfo = {
    name: p.metadata?.name ?? '',
    namespace: p.metadata?.namespace ?? '',
    workload: workloadOf(p),
    labels: p.metadata?.labels ?? {},
    phase: p.status?.phase ?? 'Unknown',
    ready: ready?.status === 'True',
    containers,
    sidecar: containers.some((c) => c.name === 'istio-proxy') || annotations['sidecar.istio.io/status'] !== undefined,
  };
  if (!info.ready) {
    const waiting = containers.find((c) => c.state.startsWith('waiting: '));
    info.reason = waiting ? `${waiting.name}: ${waiting.state.slice(9)}` : (ready?.message ?? ready?.reason ?? `phase ${info.phase}`);
  }
  if (p.status?.podIP) info.podIP = p.status.podIP;
  if (p.spec?.nodeName) info.nodeName = p.spec.nodeName;
  if (p.spec?.serviceAccountName) info.serviceAccount = p.spec.serviceAccountName;
  if (p.metadata?.creationTimestamp) info.createdAt = p.metadata.creationTimestamp;
  const proxyConfig = annotations['proxy.istio.io/config'];
  if (proxyConfig !== undefined) {
    const m = /holdApplicationUntilProxyStarts["']?\s*:\s*["']?(true|false)/.exec(proxyConfig);
    if (m) info.holdApplicationUntilProxyStarts = m[1] === 'true';
  }
  return info;
}
