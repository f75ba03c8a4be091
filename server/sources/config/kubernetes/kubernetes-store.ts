import { existsSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { K8sObject } from '../../../../lib/istio/types';
import { StoreError, type ConfigChange, type ConfigLoadError, type ListFilter, type MeshConfigStore, type StoredObject } from '../store';
import { discover, type ServedKind } from './discovery';
import { KubeApiError, KubeClient } from './kube-client';
import { apiVersionOf, kindInfo, resourcePath, slimObject } from './kinds';
import { ObjectIndex } from './object-index';
import { DEFAULT_TIMING, Reflector, type ReflectorTiming } from './reflector';

export interface KubernetesStoreOptions {
  /** A kubeconfig file; without it and without `inCluster`, client-node's defaults ($KUBECONFIG, ~/.kube/config). */
  kubeconfigPath?: string;
  /** Use the pod's service account (KUBERNETES_SERVICE_HOST and /var/run/secrets/kubernetes.io/serviceaccount). */
  inCluster?: boolean;
  /** Tests only: a folder standing in for `/` when reading the service account files in-cluster. */
  inClusterRoot?: string;
  log: Logger;
  /** Watch only these namespaces (one list/watch each); all namespaces when absent. */
  namespaces?: string[];
  /** Retry and watch periods (tests shorten them). */
  timing?: Partial<ReflectorTiming>;
}

export interface WriteOptions {
  /** Ask the API server to validate and answer without persisting (`dryRun=All`); the index is left alone. */
  dryRun?: boolean;
  /**
   * Server-side apply `force`: take over fields another manager owns (e.g. `kubectl-client-side-apply`) instead of
   * failing with a conflict. Off unless a user explicitly asks; ignored by remove.
   */
  takeOwnership?: boolean;
}

/** Field manager for server-side apply: `kubectl get -o yaml --show-managed-fields` shows Meshlens's fields under it. */
export const FIELD_MANAGER = 'meshlens';

/**
 * The mesh config in a Kubernetes cluster: Istio CRDs plus the Services, Pods, Deployments, Namespaces and mesh
 * ConfigMap validation reads, mirrored in memory by list+watch. Writes are server-side apply as `meshlens`
 * (without force, so fields owned by another manager come back as a conflict instead of being taken over).
 */
export class KubernetesConfigStore implements MeshConfigStore {
  readonly kind = 'kubernetes' as const;
  private readonly index: ObjectIndex;
  private readonly reflectors: Reflector[] = [];
  private readonly servedByKind = new Map<string, ServedKind>();
  private readonly setupErrors: ConfigLoadError[] = [];

  private constructor(
    private readonly client: KubeClient,
    private readonly opts: KubernetesStoreOptions,
  ) {
    const only = opts.namespaces ? new Set(opts.namespaces) : undefined;
    this.index = new ObjectIndex(opts.log, (o) => !only || (o.kind === 'Namespace' ? only.has(o.metadata.name) : !o.metadata.namespace || only.has(o.metadata.namespace)));
  }

  /**
   * Connects, discovers the served Istio versions (v1, else v1beta1), lists everything and starts the watches.
   * Rejects with a clear message when the API server is unreachable or refuses the credentials.
   */
  static async open(opts: KubernetesStoreOptions): Promise<KubernetesConfigStore> {
    const client = new KubeClient(loadKubeConfig(opts));
    const found = await discover(client);
    const store = new KubernetesConfigStore(client, opts);
    for (const m of found.missing) {
      store.setupErrors.push({ file: `kubernetes:${m.info.group || 'core'}/${m.info.plural}`, message: m.message });
      opts.log.warn({ kind: m.info.kind }, m.message);
    }
    const timing = { ...DEFAULT_TIMING, ...opts.timing };
    for (const served of found.served) {
      store.servedByKind.set(served.info.kind, served);
      const scopes = served.info.namespaced && opts.namespaces ? opts.namespaces : [undefined];
      for (const ns of scopes) store.reflectors.push(new Reflector(client, served, ns, store.index, opts.log, timing));
    }
    await Promise.all(store.reflectors.map((r) => r.start()));
    opts.log.info({ server: client.server, kinds: found.served.map((s) => `${s.info.kind} ${apiVersionOf(s.info.group, s.version)}`), objects: store.index.list().length }, 'Kubernetes config store ready');
    return store;
  }

  get version(): number {
    return this.index.version;
  }

  /** The API server this store talks to. */
  get server(): string {
    return this.client.server;
  }

  /** The apiVersion the store lists, watches and writes a kind at, or undefined when the cluster does not serve it. */
  servedVersion(kind: string): string | undefined {
    const s = this.servedByKind.get(kind);
    return s && apiVersionOf(s.info.group, s.version);
  }

  list(filter?: ListFilter): StoredObject[] {
    return this.index.list(filter);
  }

  get(kind: string, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.index.get(kind, namespace, name);
  }

  errors(): ConfigLoadError[] {
    return [...this.setupErrors, ...this.index.errors()];
  }

  subscribe(listener: (change: ConfigChange) => void): () => void {
    return this.index.subscribe(listener);
  }

  namespaces(): string[] {
    return this.index.namespaces();
  }

  /** Creates by server-side apply; `exists` when the index already holds the object. */
  async create(object: K8sObject, options?: WriteOptions): Promise<StoredObject> {
    const served = this.target(object);
    const { kind, metadata } = object;
    if (this.get(kind, metadata.namespace, metadata.name)) throw new StoreError('exists', `${kind} ${metadata.namespace ?? ''}/${metadata.name} already exists`);
    return this.apply(object, served, undefined, options);
  }

  /** Replaces by server-side apply; with `expectedVersion`, the server refuses a stale write with 409 (→ conflict). */
  async replace(object: K8sObject, expectedVersion?: string, options?: WriteOptions): Promise<StoredObject> {
    const served = this.target(object);
    const { kind, metadata } = object;
    if (!this.get(kind, metadata.namespace, metadata.name)) throw new StoreError('not_found', `${kind} ${metadata.namespace ?? ''}/${metadata.name} not found`);
    return this.apply(object, served, expectedVersion, options);
  }

  /** Deletes, with a resourceVersion precondition when `expectedVersion` is given; returns what was deleted. */
  async remove(kind: string, namespace: string | undefined, name: string, expectedVersion?: string, options?: WriteOptions): Promise<StoredObject> {
    const served = this.target({ apiVersion: '', kind, metadata: { name, namespace } });
    const current = this.get(kind, namespace, name);
    const body = { apiVersion: 'v1', kind: 'DeleteOptions', ...(expectedVersion !== undefined ? { preconditions: { resourceVersion: expectedVersion } } : {}) };
    const answer = await this.call({ method: 'DELETE', path: resourcePath(served.info, served.version, namespace, name), query: { dryRun: options?.dryRun ? 'All' : undefined }, body });
    // Custom resources answer with the deleted object, built-in kinds often with a Status: use the index then.
    const answered = asObject(answer, served);
    const deleted = answered ? slimObject(answered) : current?.object;
    if (!deleted) throw new StoreError('not_found', `${kind} ${namespace ?? ''}/${name} not found`);
    if (!options?.dryRun) this.index.apply('deleted', deleted);
    return { object: deleted, resourceVersion: deleted.metadata.resourceVersion ?? '' };
  }

  async close(): Promise<void> {
    await Promise.all(this.reflectors.map((r) => r.stop()));
  }

  private async apply(object: K8sObject, served: ServedKind, expectedVersion: string | undefined, options: WriteOptions | undefined): Promise<StoredObject> {
    const { info, version } = served;
    const body = forApply(object, apiVersionOf(info.group, version), expectedVersion);
    const answer = await this.call({
      method: 'PATCH',
      path: resourcePath(info, version, object.metadata.namespace, object.metadata.name),
      query: { fieldManager: FIELD_MANAGER, force: options?.takeOwnership ? 'true' : 'false', dryRun: options?.dryRun ? 'All' : undefined },
      body,
      contentType: 'application/apply-patch+yaml',
    });
    const answered = asObject(answer, served);
    // Returned as reads return it (no managedFields), so an editor shows the same object either way.
    const stored = answered && slimObject(answered);
    if (!stored) throw new StoreError('invalid', `the API server's answer to applying ${info.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name} is not an object`);
    if (!options?.dryRun) this.index.apply(this.get(info.kind, stored.metadata.namespace, stored.metadata.name) ? 'modified' : 'added', stored);
    return { object: stored, resourceVersion: stored.metadata.resourceVersion ?? '' };
  }

  /** The kind's served version, after checking the object can be written here at all. */
  private target(object: K8sObject): ServedKind {
    const { kind, metadata } = object;
    const info = kindInfo(kind);
    if (!info) throw new StoreError('invalid', `${kind} is not a kind Meshlens manages in Kubernetes`);
    const served = this.servedByKind.get(kind);
    if (!served) throw new StoreError('invalid', `the cluster does not serve ${kind} (${info.group || 'core'} ${info.versions.join('/')})`);
    if (!metadata?.name) throw new StoreError('invalid', `${kind} has no metadata.name`);
    if (info.namespaced && !metadata.namespace) throw new StoreError('invalid', `${kind} ${metadata.name} needs metadata.namespace`);
    if (info.namespaced && this.opts.namespaces && !this.opts.namespaces.includes(metadata.namespace ?? '')) {
      throw new StoreError('forbidden', `namespace ${metadata.namespace} is not one Meshlens watches (${this.opts.namespaces.join(', ')})`);
    }
    return served;
  }

  private async call(req: Parameters<KubeClient['request']>[0]): Promise<unknown> {
    try {
      return await this.client.request(req);
    } catch (err) {
      throw toStoreError(err);
    }
  }
}

/** The API server's refusals, as the store's error codes; the server's own message is passed through. */
export function toStoreError(err: unknown): Error {
  if (!(err instanceof KubeApiError)) return err instanceof Error ? err : new Error(String(err));
  switch (err.status) {
    case 409:
      return new StoreError('conflict', err.message);
    case 401:
      return new StoreError('forbidden', `the Kubernetes API server refused Meshlens's credentials: ${err.message}`);
    case 403:
      return new StoreError('forbidden', err.message);
    case 404:
      return new StoreError('not_found', err.message);
    case 400:
    case 415:
    case 422:
      return new StoreError('invalid', err.message);
    default:
      return err;
  }
}

/** The applied configuration: what the user wrote, at the served version, without the fields the server owns. */
function forApply(object: K8sObject, apiVersion: string, expectedVersion: string | undefined): K8sObject {
  const { resourceVersion: _rv, uid: _uid, generation: _g, creationTimestamp: _c, managedFields: _m, ...metadata } = object.metadata as K8sObject['metadata'] & { managedFields?: unknown };
  const { status: _status, ...rest } = object;
  // Istio's v1 and v1beta1 schemas are the same, so an object written as v1 applies unchanged where only v1beta1 is served.
  return { ...rest, apiVersion, metadata: { ...metadata, ...(expectedVersion !== undefined ? { resourceVersion: expectedVersion } : {}) } };
}

function asObject(answer: unknown, served: ServedKind): K8sObject | undefined {
  const o = answer as Partial<K8sObject> | null;
  if (!o || typeof o !== 'object' || o.kind !== served.info.kind || !o.metadata?.name) return undefined;
  return o as K8sObject;
}

function loadKubeConfig(opts: KubernetesStoreOptions): KubeConfig {
  const kc = new KubeConfig();
  if (opts.inCluster) {
    if (!process.env.KUBERNETES_SERVICE_HOST) throw new Error('--in-cluster: KUBERNETES_SERVICE_HOST is not set; Meshlens is not running in a Kubernetes pod (use --kubeconfig instead)');
    kc.loadFromCluster(opts.inClusterRoot);
    return kc;
  }
  if (opts.kubeconfigPath) {
    if (!existsSync(opts.kubeconfigPath)) throw new Error(`kubeconfig ${opts.kubeconfigPath} does not exist`);
    try {
      kc.loadFromFile(opts.kubeconfigPath);
    } catch (err) {
      throw new Error(`cannot read kubeconfig ${opts.kubeconfigPath}: ${(err as Error).message}`);
    }
    return kc;
  }
  kc.loadFromDefault();
  return kc;
}
