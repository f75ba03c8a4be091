/**
 * TEST DOUBLE — the pods side of a Kubernetes API server, for the workloads source's tests. Not used in production.
 *
 * Real HTTP on 127.0.0.1. Pods live in a FakeKubeApi's object store (server/sources/config/kubernetes/fake-kube-api.ts,
 * seeded with `put`); this server answers what the workloads source calls, per bearer token with RBAC-like rules:
 * `GET /api/v1/namespaces/{ns}/pods` (list pods), `.../pods/{pod}/log` (get pods/log: container, timestamps,
 * tailLines, sinceTime, limitBytes; 400 for an unknown container as the kubelet says it) and
 * `.../pods/{pod}:15000/proxy/{path}` (get pods/proxy: forwarded to the pod's registered admin address), and istiod's
 * `/debug/syncz` through `services/istiod:15014/proxy` in istio-system (get services/proxy).
 * Refusals carry the API server's messages, so tests see what a person would.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { K8sObject } from '../../../../lib/istio/types';
import type { FakeRule } from '../../../auth/testing/fake-kube-auth-api';
import { FakeKubeApi } from '../../config/kubernetes/fake-kube-api';

export interface SeenPodsRequest {
  path: string;
  query: Record<string, string>;
  authorization?: string;
}

export class FakePodsApi {
  readonly users = new Map<string, string>();
  readonly rules: FakeRule[] = [];
  readonly seen: SeenPodsRequest[] = [];
  /** Log lines per `ns/pod/container`, each `{time, text}`. */
  readonly logs = new Map<string, { time: string; text: string }[]>();
  /** What istiod's `/debug/syncz` answers through `services/istiod:15014/proxy` in istio-system. */
  syncz: unknown = [];
  /** Where each `ns/pod`'s Envoy admin port answers (e.g. a demo sidecar shim). */
  readonly admin = new Map<string, string>();
  private server?: http.Server;

  private constructor(readonly kube: FakeKubeApi) {}

  static async start(): Promise<FakePodsApi> {
    const api = new FakePodsApi(await FakeKubeApi.start());
    api.server = http.createServer((req, res) => void api.handle(req, res).catch((err: unknown) => status(res, 500, 'InternalError', String(err))));
    await new Promise<void>((resolve) => api.server?.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  /** A user with a token and grants (`resources` like `pods`, `pods/log`, `pods/proxy`). */
  addUser(token: string, username: string, ...rules: Omit<FakeRule, 'subject'>[]): void {
    this.users.set(token, username);
    for (const r of rules) this.rules.push({ subject: username, ...r });
  }

  put(pod: K8sObject): void {
    this.kube.put(pod);
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    await this.kube.stop();
  }

  private allowed(user: string, verb: string, resource: string, namespace: string): boolean {
    return this.rules.some((r) => r.subject === user && (r.verbs.includes('*') || r.verbs.includes(verb)) && r.groups.includes('') && (r.resources.includes('*') || r.resources.includes(resource)) && (!r.namespaces || r.namespaces.includes(namespace)));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const authorization = req.headers.authorization;
    this.seen.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), ...(authorization ? { authorization } : {}) });
    const user = this.users.get(/^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '');
    if (!user) return status(res, 401, 'Unauthorized', 'Unauthorized');
    if (url.pathname === '/api/v1/namespaces/istio-system/services/istiod:15014/proxy/debug/syncz' && req.method === 'GET') {
      if (!this.allowed(user, 'get', 'services/proxy', 'istio-system')) return status(res, 403, 'Forbidden', `services "istiod:15014" is forbidden: User "${user}" cannot get resource "services" with subresource "proxy" in API group "" in the namespace "istio-system"`);
      return json(res, 200, this.syncz);
    }
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods(?:\/([^/]+?)(?::(\d+))?(?:\/(log|proxy)(\/.*)?)?)?$/.exec(url.pathname);
    if (!m || req.method !== 'GET') return status(res, 404, 'NotFound', 'the server could not find the requested resource');
    const [, ns, podName, port, sub, rest] = m as unknown as [string, string, string | undefined, string | undefined, string | undefined, string | undefined];
    const resource = sub ? `pods/${sub}` : 'pods';
    const verb = podName ? 'get' : 'list';
    if (!this.allowed(user, verb, resource, ns)) {
      const scope = podName ? `pods "${podName}" is forbidden` : 'pods is forbidden';
      return status(res, 403, 'Forbidden', `${scope}: User "${user}" cannot ${verb} resource "${resource.split('/')[0]}"${sub ? ` with subresource "${sub}"` : ''} in API group "" in the namespace "${ns}"`);
    }
    const podResource = this.kube.resources.find((r) => r.kind === 'Pod');
    if (!podResource) return status(res, 500, 'InternalError', 'no Pod resource');
    const pods = this.kube.store.list(podResource, ns);
    if (!podName) return json(res, 200, { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: String(this.kube.store.rv) }, items: pods });
    const pod = pods.find((p) => p.metadata.name === podName);
    if (!pod) return status(res, 404, 'NotFound', `pods "${podName}" not found`);
    if (sub === 'log') return this.log(res, pod, url.searchParams);
    if (sub === 'proxy' && port) {
      const target = this.admin.get(`${ns}/${podName}`);
      if (!target || port !== '15000') return status(res, 503, 'ServiceUnavailable', `error trying to reach service: dial tcp ${podName}:${port}: connect: connection refused`);
      const upstream = await fetch(`${target}${rest ?? '/'}${url.search}`);
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/plain' }).end(Buffer.from(await upstream.arrayBuffer()));
      return;
    }
    return json(res, 200, pod);
  }

  private log(res: http.ServerResponse, pod: K8sObject, q: URLSearchParams): void {
    const containers = ((pod.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map((c) => c.name);
    const container = q.get('container') ?? (containers.length === 1 ? containers[0] : undefined);
    if (!container) return status(res, 400, 'BadRequest', `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${containers.join(' ')}]`);
    if (!containers.includes(container)) return status(res, 400, 'BadRequest', `container ${container} is not valid for pod ${pod.metadata.name}`);
    let lines = this.logs.get(`${pod.metadata.namespace}/${pod.metadata.name}/${container}`) ?? [];
    const since = q.get('sinceTime');
    if (since) lines = lines.filter((l) => Date.parse(l.time) >= Date.parse(since));
    const tail = q.get('tailLines');
    if (tail) lines = lines.slice(-Number(tail));
    let text = lines.map((l) => (q.get('timestamps') === 'true' ? `${l.time} ${l.text}\n` : `${l.text}\n`)).join('');
    const limit = q.get('limitBytes');
    if (limit) text = text.slice(0, Number(limit));
    res.writeHead(200, { 'content-type': 'text/plain' }).end(text);
  }
}

function json(res: http.ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function status(res: http.ServerResponse, code: number, reason: string, message: string): void {
  json(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}
