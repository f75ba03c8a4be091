import type { Deployment } from '../../../lib/istio/types';
import type { DemoWorkloadInfo } from '../../core';
import { demoLogFile, demoPodName, PROXY_CONTAINER } from '../../demo/pods';
import { boundedGet } from './bounded-get';
import { tailLog } from './log-tail';
import { WorkloadSourceError, type AdminPath, type LogChunk, type LogQuery, type PodInfo, type WorkloadsSource } from './source';

export interface DemoSourceOptions {
  workloads: () => DemoWorkloadInfo[];
  deployments: () => Deployment[];
  dataDir: string;
  /** When the demo's pods started (RFC 3339). */
  startedAt: string;
  adminTimeoutMs?: number;
  /** Base URL of the demo's istiod stand-in. */
  istiodUrl: () => string | undefined;
}

/**
 * The demo's pods (one per running workload, named as a ReplicaSet would), their log files, and each sidecar shim's
 * Envoy admin API on the pod's loopback port: the same interface the Kubernetes source implements.
 */
export class DemoWorkloadsSource implements WorkloadsSource {
  readonly kind = 'demo';

  constructor(private readonly o: DemoSourceOptions) {}

  async pods(namespace: string): Promise<PodInfo[]> {
    const deployments = new Map(this.o.deployments().filter((d) => d.metadata.namespace === namespace).map((d) => [d.metadata.name, d]));
    return this.o.workloads().filter((w) => w.namespace === namespace).map((w) => {
      const d = deployments.get(w.name);
      const labels = d?.spec?.template?.metadata?.labels ?? { app: w.app, ...(w.version ? { version: w.version } : {}) };
      const spec = d?.spec?.template?.spec;
      const containers = (spec?.containers ?? [{ name: w.app, image: `demo/${w.app}` }]).map((c) => ({ name: c.name ?? w.app, image: c.image ?? '', ready: true, restarts: 0, state: 'running' }));
      if (w.sidecar) containers.push({ name: PROXY_CONTAINER, image: 'docker.io/istio/proxyv2:1.27.0 (demo shim)', ready: true, restarts: 0, state: 'running' });
      const pod: PodInfo = {
        name: demoPodName(w.name), namespace, workload: w.name, labels, phase: 'Running', ready: true,
        podIP: '127.0.0.1', nodeName: 'meshlens-demo', createdAt: this.o.startedAt, containers, sidecar: w.sidecar,
      };
      if (spec?.serviceAccountName) pod.serviceAccount = spec.serviceAccountName;
      return pod;
    }).sort((a, b) => a.name.localeCompare(b.name));
  }

  private async pod(namespace: string, name: string): Promise<{ pod: PodInfo; port: number }> {
    const pod = (await this.pods(namespace)).find((p) => p.name === name);
    const w = this.o.workloads().find((x) => x.namespace === namespace && demoPodName(x.name) === name);
    if (!pod || !w) throw new WorkloadSourceError('not_found', `pods "${name}" not found in namespace ${namespace}`);
    return { pod, port: w.port };
  }

  async logs(namespace: string, podName: string, q: LogQuery): Promise<LogChunk> {
    const { pod } = await this.pod(namespace, podName);
    if (!pod.containers.some((c) => c.name === q.container)) {
      throw new WorkloadSourceError('bad_request', `container ${q.container} is not valid for pod ${podName}; choose one of: ${pod.containers.map((c) => c.name).join(', ')}`);
    }
    const file = demoLogFile(this.o.dataDir, namespace, podName, q.container);
    const chunk = await tailLog(file, { maxBytes: q.maxBytes, maxLines: q.maxLines, ...(q.sinceTimeSec !== undefined ? { sinceMs: q.sinceTimeSec * 1000 } : {}) });
    // A container that has not printed anything yet has no file: an empty log, as kubectl shows it.
    return chunk ?? { lines: [], truncated: false };
  }

  async syncz(maxBytes: number): Promise<string> {
    const base = this.o.istiodUrl();
    if (!base) throw new WorkloadSourceError('unavailable', 'the demo\'s istiod is not running');
    const r = await boundedGet(new URL(`${base}/debug/syncz`), { maxBytes, timeoutMs: this.o.adminTimeoutMs ?? 5000, what: 'istiod /debug/syncz', overflow: 'refuse' });
    if (r.status !== 200) throw new WorkloadSourceError('bad_gateway', `istiod /debug/syncz answered ${r.status}`);
    return r.body;
  }

  async proxyAdmin(namespace: string, podName: string, path: AdminPath, maxBytes: number): Promise<string> {
    const { pod, port } = await this.pod(namespace, podName);
    if (!pod.sidecar) throw new WorkloadSourceError('not_found', `pod ${namespace}/${podName} has no Envoy sidecar (istio-proxy)`);
    const r = await boundedGet(new URL(`http://127.0.0.1:${port}/${path}`), { maxBytes, timeoutMs: this.o.adminTimeoutMs ?? 5000, what: `Envoy admin /${path} of ${namespace}/${podName}`, overflow: 'refuse' });
    if (r.status !== 200) throw new WorkloadSourceError('bad_gateway', `Envoy admin /${path} of ${namespace}/${podName} answered ${r.status}`);
    return r.body;
  }
}
