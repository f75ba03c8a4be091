/**
 * TEST DOUBLE — a small fake Kubernetes API server for the Kubernetes config store's tests. Not used in production.
 *
 * Real HTTP on 127.0.0.1 implementing just what the store uses: bearer-token auth (401 otherwise), discovery
 * (`/api`, `/apis`, `/apis/<group>`, `/apis/<group>/<version>`), list with a list resourceVersion, watch as JSON
 * lines from a resourceVersion (410 Gone once history is compacted), server-side apply PATCH (create or update,
 * 409 on a stale resourceVersion or another manager's field, `dryRun=All`), DELETE with preconditions.
 * Hooks let tests change objects behind the store's back, expire history, forbid a resource, break a response,
 * and stop and restart the server on the same port.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { parse as parseYaml } from 'yaml';
import type { K8sObject } from '../../../../lib/istio/types';
import { apiGroupDoc, FakeApiError, FakeObjectStore, fakeResources, fieldSelectorName, groupVersionsOf, pageOf, resourceListDoc, withoutTypeMeta, type FakeResource } from './fake-kube-api-data';
import { FakeWatches } from './fake-kube-api-watch';

export interface FakeKubeApiOptions {
  /** The bearer token requests must carry. */
  token?: string;
  /** Versions Istio's CRDs serve (default v1 and v1beta1; `['v1beta1']` is an Istio before 1.22). */
  istioVersions?: string[];
  /** false: a cluster without Istio's CRDs. */
  withIstio?: boolean;
  /** Serve HTTPS with the self-signed test certificate in testdata/ (for 127.0.0.1), as real API servers do. */
  tls?: boolean;
}

/** The test certificate and its key: for the fake only, valid 2020–2120 for 127.0.0.1. */
export const FAKE_TLS = {
  cert: readFileSync(new URL('./testdata/fake-kube-api.crt', import.meta.url), 'utf8'),
  key: readFileSync(new URL('./testdata/fake-kube-api.key', import.meta.url), 'utf8'),
};

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  body?: unknown;
}


export class FakeKubeApi {
  /** The bearer token requests must carry (tests change it to simulate rotated credentials). */
  token: string;
  readonly resources: FakeResource[];
  readonly store = new FakeObjectStore();
  readonly requests: RecordedRequest[] = [];
  /** Resources (plurals) whose list and watch answer 403, as RBAC would. */
  readonly forbidden = new Set<string>();
  /** Answer a watch from a compacted resourceVersion with HTTP 410 instead of a 200 stream holding an ERROR event. */
  goneAsHttpStatus = false;
  /** How many upcoming list answers are cut short into malformed JSON. */
  malformedLists = 0;
  private server?: http.Server | https.Server;
  private sockets = new Set<Socket>();
  private readonly watches: FakeWatches;
  port = 0;

  private readonly tls: boolean;

  private constructor(opts: FakeKubeApiOptions) {
    this.tls = opts.tls ?? false;
    this.token = opts.token ?? 'fake-token';
    this.resources = fakeResources(opts.istioVersions ?? ['v1', 'v1beta1'], opts.withIstio ?? true);
    this.watches = new FakeWatches(this.store);
    this.store.onEvent = (e) => this.watches.broadcast(e);
  }

  static async start(opts: FakeKubeApiOptions = {}): Promise<FakeKubeApi> {
    const api = new FakeKubeApi(opts);
    await api.listen(0);
    return api;
  }

  get url(): string {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  /**
   * A kubeconfig for this server. Over TLS it trusts the test certificate unless `trustCa` is false; plain http
   * needs insecure-skip-tls-verify, or client-node refuses it.
   */
  async writeKubeconfig(file: string, opts: { token?: string; trustCa?: boolean } = {}): Promise<string> {
    const cluster = !this.tls
      ? ['    insecure-skip-tls-verify: true']
      : opts.trustCa === false ? [] : [`    certificate-authority-data: ${Buffer.from(FAKE_TLS.cert).toString('base64')}`];
    const yaml = [
      'apiVersion: v1', 'kind: Config', 'current-context: fake',
      'clusters:', '- name: fake', '  cluster:', `    server: ${this.url}`, ...cluster,
      'users:', '- name: fake', '  user:', `    token: ${opts.token ?? this.token}`,
      'contexts:', '- name: fake', '  context:', '    cluster: fake', '    user: fake',
    ].join('\n');
    await writeFile(file, `${yaml}\n`);
    return file;
  }

  /** Creates or updates an object as another client would (kubectl, a controller); watchers see it. */
  put(object: K8sObject, manager = 'kubectl'): K8sObject {
    return this.store.put(this.resourceFor(object.kind), object, manager);
  }

  remove(kind: string, namespace: string | undefined, name: string): K8sObject {
    return this.store.delete(this.resourceFor(kind), namespace, name, undefined, false);
  }

  get(kind: string, namespace: string | undefined, name: string): K8sObject | undefined {
    return this.store.get(this.resourceFor(kind), namespace, name);
  }

  /** Forgets the event history, so a watch from an older resourceVersion gets 410 Gone (etcd compaction). */
  compact(): void {
    this.store.compactedBefore = this.store.rv + 1;
    this.store.events = [];
  }

  /** Ends every open watch stream cleanly, as an API server does on its watch timeout. */
  endWatches(): void {
    this.watches.endAll();
  }

  /** Sends a BOOKMARK with the current resourceVersion to every watch that allowed them. */
  sendBookmarks(): void {
    this.watches.sendBookmarks();
  }

  /** Writes a raw line to every open watch (to send a broken event). */
  writeToWatches(line: string): void {
    this.watches.writeRaw(line);
  }

  openWatches(): number {
    return this.watches.count();
  }

  /** Takes the server off the network (connections dropped, port closed) until `restart()`. */
  async stop(): Promise<void> {
    this.watches.forget();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  /** Serves again on the same port, with the same objects. */
  async restart(): Promise<void> {
    await this.listen(this.port);
  }

  private async listen(port: number): Promise<void> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => void this.handle(req, res);
    const server = this.tls ? https.createServer(FAKE_TLS, handler) : http.createServer(handler);
    // The raw TCP sockets, also under TLS: destroying them is what takes the server off the network in stop().
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  private resourceFor(kind: string): FakeResource {
    const r = this.resources.find((x) => x.kind === kind);
    if (!r) throw new Error(`the fake API server does not serve ${kind}`);
    return r;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), contentType: req.headers['content-type'] };
    this.requests.push(record);
    try {
      if (req.headers.authorization !== `Bearer ${this.token}`) throw new FakeApiError(401, 'Unauthorized', 'Unauthorized');
      if (text) {
        try {
          record.body = parseYaml(text) as unknown;
        } catch {
          throw new FakeApiError(400, 'BadRequest', 'the request body is not valid JSON or YAML');
        }
      }
      const answer = this.route(record, res);
      if (answer !== undefined) send(res, 200, answer);
    } catch (err) {
      if (err instanceof FakeApiError) send(res, err.code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: err.message, reason: err.reason, code: err.code });
      else send(res, 500, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: String(err), reason: 'InternalError', code: 500 });
    }
  }

  /** Returns the JSON answer, or undefined when it has taken over the response (watch). */
  private route(r: RecordedRequest, res: http.ServerResponse): unknown {
    const parts = r.path.split('/').filter(Boolean).map(decodeURIComponent);
    if (r.method === 'GET' && r.path === '/api') return { kind: 'APIVersions', versions: ['v1'] };
    if (r.method === 'GET' && r.path === '/apis') {
      const groups = [...new Set(this.resources.map((x) => x.group).filter(Boolean))];
      return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((g) => apiGroupDoc(this.resources, g)) };
    }
    const core = parts[0] === 'api';
    const group = core ? '' : (parts[1] ?? '');
    const version = core ? parts[1] : parts[2];
    const rest = parts.slice(core ? 2 : 3);
    if (parts[0] !== 'api' && parts[0] !== 'apis') throw new FakeApiError(404, 'NotFound', 'the server could not find the requested resource');
    const versions = groupVersionsOf(this.resources, group);
    if (versions.length === 0 || (version !== undefined && !versions.includes(version))) throw new FakeApiError(404, 'NotFound', 'the server could not find the requested resource');
    if (version === undefined) return apiGroupDoc(this.resources, group);
    if (rest.length === 0) return resourceListDoc(this.resources, group, version);
    const namespaced = rest[0] === 'namespaces' && rest.length >= 3;
    const namespace = namespaced ? rest[1] : undefined;
    const [plural, name, ...extra] = namespaced ? rest.slice(2) : rest;
    const resource = this.resources.find((x) => x.group === group && x.plural === plural && x.versions.includes(version));
    if (!resource || extra.length > 0 || (namespaced && !resource.namespaced)) throw new FakeApiError(404, 'NotFound', 'the server could not find the requested resource');
    const apiVersion = group ? `${group}/${version}` : version;
    const dryRun = r.query.dryRun;
    if (dryRun !== undefined && dryRun !== 'All') throw new FakeApiError(400, 'BadRequest', `Invalid dry run value: ${dryRun}`);

    if (name === undefined) {
      if (r.method !== 'GET') throw new FakeApiError(405, 'MethodNotAllowed', `${r.method} is not supported on a collection here`);
      if (this.forbidden.has(resource.plural)) {
        throw new FakeApiError(403, 'Forbidden', `${resource.plural}${group ? `.${group}` : ''} is forbidden: User "system:serviceaccount:istio-system:meshlens" cannot ${r.query.watch === 'true' ? 'watch' : 'list'} resource "${resource.plural}" in API group "${group}" ${namespace ? `in the namespace "${namespace}"` : 'at the cluster scope'}`);
      }
      const byName = fieldSelectorName(r.query.fieldSelector);
      if (r.query.watch === 'true') return this.watches.open(res, { resource, version: apiVersion, namespace, name: byName, bookmarks: r.query.allowWatchBookmarks === 'true', res }, r.query, this.goneAsHttpStatus);
      if (this.malformedLists > 0) {
        this.malformedLists--;
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"kind":"List","items":[{"metad');
        return undefined;
      }
      const all = this.store.list(resource, namespace).filter((o) => !byName || o.metadata.name === byName);
      const page = pageOf(all, r.query.limit, r.query.continue, this.store);
      // Built-in kinds' list items carry no apiVersion/kind, as the real API server sends them.
      const items = page.items.map((o) => (group.endsWith('istio.io') ? { ...o, apiVersion } : withoutTypeMeta(o)));
      return { kind: `${resource.kind}List`, apiVersion, metadata: { resourceVersion: page.rv, ...(page.next ? { continue: page.next } : {}) }, items };
    }

    if (r.method === 'GET') {
      const o = this.store.get(resource, namespace, name);
      if (!o) throw new FakeApiError(404, 'NotFound', `${plural} "${name}" not found`);
      return { ...o, apiVersion };
    }
    if (r.method === 'PATCH') {
      if (r.contentType !== 'application/apply-patch+yaml') throw new FakeApiError(415, 'UnsupportedMediaType', `the fake API server only implements server-side apply, not ${r.contentType}`);
      if (!r.query.fieldManager) throw new FakeApiError(400, 'BadRequest', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
      const applied = r.body as K8sObject | undefined;
      if (!applied || typeof applied !== 'object' || !applied.metadata) throw new FakeApiError(400, 'BadRequest', 'the applied configuration is not an object with metadata');
      if (applied.apiVersion !== apiVersion || applied.kind !== resource.kind) throw new FakeApiError(400, 'BadRequest', `the applied object is ${applied.apiVersion} ${applied.kind}, the URL is for ${apiVersion} ${resource.kind}`);
      if (applied.metadata.name !== name) throw new FakeApiError(400, 'BadRequest', `the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
      if (resource.namespaced && (applied.metadata.namespace ?? namespace) !== namespace) throw new FakeApiError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
      const object = { ...applied, metadata: { ...applied.metadata, ...(namespace ? { namespace } : {}) } };
      return this.store.apply(resource, object, r.query.fieldManager, r.query.force === 'true', dryRun === 'All');
    }
    if (r.method === 'DELETE') {
      const pre = (r.body as { preconditions?: { resourceVersion?: string } } | undefined)?.preconditions?.resourceVersion;
      return { ...this.store.delete(resource, namespace, name, pre, dryRun === 'All'), apiVersion };
    }
    throw new FakeApiError(405, 'MethodNotAllowed', `${r.method} is not implemented by the fake API server`);
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}
