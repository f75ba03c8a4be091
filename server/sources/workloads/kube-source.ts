import type https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { callerCredentials } from '../../auth/caller-context';
import { boundedGet } from './bounded-get';
import { podInfo, type KubePod } from './pod-info';
import { WorkloadSourceError, type AdminPath, type LogChunk, type LogQuery, type PodInfo, type WorkloadsSource } from './source';

export interface KubeWorkloadsOptions {
  kubeconfig: KubeConfig;
  timeoutMs?: number;
  /** Most pods read per namespace list (pages beyond are not fetched). */
  maxPods?: number;
  /** Bytes of one pods list answer. */
  maxListBytes?: number;
  /** Where istiod runs (its service `istiod`, monitoring port 15014). */
  istioNamespace?: string;
}

const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

function checkName(what: string, v: string): string {
  if (!NAME.test(v)) throw new WorkloadSourceError('bad_request', `${what} ${JSON.stringify(v.slice(0, 80))} is not a Kubernetes name`);
  return encodeURIComponent(v);
}

/** Kubernetes' Status answer as the person's error: RBAC's message stays, so they see which permission is missing. */
function statusError(status: number, body: string, what: string): WorkloadSourceError {
  let message = `${what}: the API server answered ${status}`;
  try {
    const s = JSON.parse(body) as { kind?: string; message?: string };
    if (s.kind === 'Status' && s.message) message = s.message;
  } catch {
    if (body.trim()) message = `${what}: ${body.trim().slice(0, 300)}`;
  }
  if (status === 401) return new WorkloadSourceError('unauthorized', `the Kubernetes API server did not accept the credentials: ${message}`);
  if (status === 403) return new WorkloadSourceError('forbidden', message);
  if (status === 404) return new WorkloadSourceError('not_found', message);
  if (status === 400) return new WorkloadSourceError('bad_request', message);
  return new WorkloadSourceError('bad_gateway', message);
}

/**
 * Pods, `pods/log` and Envoy's admin API through the API server's pod proxy (`pods/{pod}:15000/proxy/...`), as Kiali
 * reads them. Every call goes out with the signed-in person's own token when there is one (so cluster RBAC decides
 * what they may read), else with Meshlens's credentials from the kubeconfig.
 */
export class KubeWorkloadsSource implements WorkloadsSource {
  readonly kind = 'kubernetes';
  private readonly server: string;

  constructor(private readonly o: KubeWorkloadsOptions) {
    const cluster = o.kubeconfig.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster (check current-context)');
    this.server = cluster.server.replace(/\/+$/, '');
  }

  private async get(path: string, query: Record<string, string | undefined>, maxBytes: number, what: string, overflow: 'truncate' | 'refuse') {
    const url = new URL(this.server + path);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
    const opts: https.RequestOptions = { headers: {} };
    try {
      await this.o.kubeconfig.applyToHTTPSOptions(opts);
    } catch (err) {
      throw new WorkloadSourceError('unavailable', `cannot use the kubeconfig for ${this.server}: ${(err as Error).message}`);
    }
    const headers = { ...(opts.headers as Record<string, string>) };
    const { headers: _h, auth: _a, ...tls } = opts;
    const tlsOpts: Record<string, unknown> = { ...tls };
    const caller = callerCredentials();
    if (caller) {
      // The person's token replaces Meshlens's credentials entirely (no client certificate goes along).
      headers.Authorization = `Bearer ${caller.token}`;
      if (caller.impersonate) {
        headers['Impersonate-User'] = caller.impersonate.user;
        if (caller.impersonate.groups.length > 0) headers['Impersonate-Group'] = caller.impersonate.groups.join(',');
      }
      for (const k of ['cert', 'key', 'pfx']) delete tlsOpts[k];
    }
    delete tlsOpts.agent;
    const r = await boundedGet(url, { headers, tls: tlsOpts as https.RequestOptions, maxBytes, timeoutMs: this.o.timeoutMs ?? 10_000, what, overflow });
    if (r.status < 200 || r.status > 299) throw statusError(r.status, r.body, what);
    return r;
  }

  async pods(namespace: string): Promise<PodInfo[]> {
    const ns = checkName('namespace', namespace);
    const r = await this.get(`/api/v1/namespaces/${ns}/pods`, { limit: String(this.o.maxPods ?? 2000) }, this.o.maxListBytes ?? 32 * 1024 * 1024, `the pods of namespace ${namespace}`, 'refuse');
    let list: { items?: KubePod[] };
    try {
      list = JSON.parse(r.body) as { items?: KubePod[] };
    } catch {
      throw new WorkloadSourceError('bad_gateway', `the API server sent malformed JSON for the pods of ${namespace}`);
    }
    return (list.items ?? []).map(podInfo).sort((a, b) => a.name.localeCompare(b.name));
  }

  async logs(namespace: string, pod: string, q: LogQuery): Promise<LogChunk> {
    const path = `/api/v1/namespaces/${checkName('namespace', namespace)}/pods/${checkName('pod', pod)}/log`;
    const query = {
      container: q.container,
      timestamps: 'true',
      tailLines: String(q.maxLines),
      limitBytes: String(q.maxBytes),
      ...(q.sinceTimeSec !== undefined ? { sinceTime: new Date(q.sinceTimeSec * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
    };
    const r = await this.get(path, query, q.maxBytes, `the log of ${namespace}/${pod} container ${q.container}`, 'truncate');
    let lines = r.body.split('\n');
    if (r.truncated || r.body.length >= q.maxBytes) lines = lines.slice(0, -1);
    lines = lines.filter((l) => l.length > 0);
    return { lines, truncated: r.truncated || r.body.length >= q.maxBytes };
  }

  async syncz(maxBytes: number): Promise<string> {
    const ns = checkName('namespace', this.o.istioNamespace ?? 'istio-system');
    const r = await this.get(`/api/v1/namespaces/${ns}/services/istiod:15014/proxy/debug/syncz`, {}, maxBytes, 'istiod /debug/syncz', 'refuse');
    return r.body;
  }

  async proxyAdmin(namespace: string, pod: string, path: AdminPath, maxBytes: number): Promise<string> {
    const [p, q] = path.split('?') as [string, string | undefined];
    const url = `/api/v1/namespaces/${checkName('namespace', namespace)}/pods/${checkName('pod', pod)}:15000/proxy/${p}`;
    const r = await this.get(url, q ? { [q]: '' } : {}, maxBytes, `Envoy admin /${path} of ${namespace}/${pod}`, 'refuse');
    return r.body;
  }
}
