/**
 * TEST DOUBLE: the data side of FakeKubeApi (fake-kube-api.ts): which resources it serves, its discovery documents,
 * and an in-memory object store with a global resourceVersion counter, server-side apply and delete semantics.
 * Not used in production code.
 */
import type { K8sObject } from '../../../../lib/istio/types';

export interface FakeResource {
  group: string;
  versions: string[];
  kind: string;
  plural: string;
  namespaced: boolean;
}

/** Resources as a cluster with Istio installed serves them; `istioVersions` picks what Istio's CRDs serve. */
export function fakeResources(istioVersions: string[], withIstio: boolean): FakeResource[] {
  const core = (kind: string, plural: string, namespaced = true): FakeResource => ({ group: '', versions: ['v1'], kind, plural, namespaced });
  const istio = (group: string, kind: string, plural: string, versions = istioVersions): FakeResource => ({ group, versions, kind, plural, namespaced: true });
  const list: FakeResource[] = [
    core('Namespace', 'namespaces', false), core('Service', 'services'), core('Pod', 'pods'), core('ConfigMap', 'configmaps'), core('Secret', 'secrets'),
    { group: 'apps', versions: ['v1'], kind: 'Deployment', plural: 'deployments', namespaced: true },
  ];
  if (!withIstio) return list;
  for (const [kind, plural] of [['VirtualService', 'virtualservices'], ['DestinationRule', 'destinationrules'], ['Gateway', 'gateways'], ['ServiceEntry', 'serviceentries'], ['Sidecar', 'sidecars'], ['WorkloadEntry', 'workloadentries']] as const) {
    list.push(istio('networking.istio.io', kind, plural));
  }
  list.push(istio('networking.istio.io', 'EnvoyFilter', 'envoyfilters', ['v1alpha3']));
  for (const [kind, plural] of [['PeerAuthentication', 'peerauthentications'], ['AuthorizationPolicy', 'authorizationpolicies'], ['RequestAuthentication', 'requestauthentications']] as const) {
    list.push(istio('security.istio.io', kind, plural));
  }
  return list;
}

export function groupVersionsOf(resources: FakeResource[], group: string): string[] {
  const order = ['v1', 'v1beta1', 'v1alpha3'];
  const set = new Set(resources.filter((r) => r.group === group).flatMap((r) => r.versions));
  return order.filter((v) => set.has(v));
}

export function apiGroupDoc(resources: FakeResource[], group: string): unknown {
  const versions = groupVersionsOf(resources, group).map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions, preferredVersion: versions[0] };
}

export function resourceListDoc(resources: FakeResource[], group: string, version: string): unknown {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: resources
      .filter((r) => r.group === group && r.versions.includes(version))
      .map((r) => ({ name: r.plural, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind, verbs: ['get', 'list', 'watch', 'patch', 'delete'] })),
  };
}

export class FakeApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export interface StoredEvent {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: FakeResource;
  object: K8sObject;
}

interface Entry {
  resource: FakeResource;
  object: K8sObject;
  /** Who owns each top-level spec field (server-side apply's managedFields, at the granularity the fake needs). */
  owners: Map<string, string>;
}

const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const clone = <T>(v: T): T => structuredClone(v);

/** The fake's etcd: objects by resource/namespace/name, a global resourceVersion, and the event history watches replay. */
export class FakeObjectStore {
  private entries = new Map<string, Entry>();
  events: StoredEvent[] = [];
  /** Watches from before this resourceVersion get 410 Gone (history compacted). */
  compactedBefore = 0;
  rv = 100;
  onEvent?: (e: StoredEvent) => void;

  list(resource: FakeResource, namespace?: string): K8sObject[] {
    return [...this.entries.values()]
      .filter((e) => sameResource(e.resource, resource) && (namespace === undefined || e.object.metadata.namespace === namespace))
      .map((e) => clone(e.object));
  }

  get(resource: FakeResource, namespace: string | undefined, name: string): K8sObject | undefined {
    const e = this.entries.get(key(resource, namespace, name));
    return e && clone(e.object);
  }

  /**
   * Server-side apply: creates or updates. A resourceVersion in the applied object must match the stored one
   * (409 when stale, 404 when the object is gone). Without `force`, changing a spec field another manager owns
   * is a 409 conflict naming that manager. `dryRun` checks everything and stores nothing.
   */
  apply(resource: FakeResource, applied: K8sObject, manager: string, force: boolean, dryRun: boolean): K8sObject {
    const { name, namespace } = applied.metadata;
    if (!DNS1123.test(name) || name.length > 253) {
      throw new FakeApiError(422, 'Invalid', `${resource.kind}.${resource.group || 'core'} "${name}" is invalid: metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'`);
    }
    if (applied.spec !== undefined && (typeof applied.spec !== 'object' || applied.spec === null || Array.isArray(applied.spec))) {
      throw new FakeApiError(422, 'Invalid', `${resource.kind}.${resource.group || 'core'} "${name}" is invalid: spec: Invalid value: must be an object`);
    }
    if (resource.namespaced && !this.entries.has(key(NAMESPACE, undefined, namespace ?? ''))) {
      throw new FakeApiError(404, 'NotFound', `namespaces "${namespace}" not found`);
    }
    const k = key(resource, namespace, name);
    const existing = this.entries.get(k);
    const wantRv = applied.metadata.resourceVersion;
    const qualified = `${resource.plural}${resource.group ? `.${resource.group}` : ''} "${name}"`;
    if (wantRv !== undefined && !existing) throw new FakeApiError(404, 'NotFound', `${qualified} not found`);
    if (wantRv !== undefined && existing && existing.object.metadata.resourceVersion !== wantRv) {
      throw new FakeApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified}: the object has been modified; please apply your changes to the latest version and try again`);
    }
    const appliedSpec = (applied.spec ?? {}) as Record<string, unknown>;
    const oldSpec = (existing?.object.spec ?? {}) as Record<string, unknown>;
    const owners = new Map(existing?.owners);
    const conflicts = Object.keys(appliedSpec).filter((f) => {
      const owner = owners.get(f);
      return owner !== undefined && owner !== manager && JSON.stringify(oldSpec[f]) !== JSON.stringify(appliedSpec[f]);
    });
    if (conflicts.length > 0 && !force) {
      throw new FakeApiError(409, 'Conflict', `Apply failed with ${conflicts.length} conflict${conflicts.length > 1 ? 's' : ''}: ${conflicts.map((f) => `conflict with "${owners.get(f)}": .spec.${f}`).join(', ')}`);
    }
    // Fields this manager applied before and now leaves out are removed; fields others own stay.
    const spec: Record<string, unknown> = {};
    for (const [f, v] of Object.entries(oldSpec)) if (owners.get(f) !== manager && owners.has(f)) spec[f] = v;
    for (const [f, owner] of owners) if (owner === manager && !(f in appliedSpec)) owners.delete(f);
    for (const [f, v] of Object.entries(appliedSpec)) {
      spec[f] = v;
      owners.set(f, manager);
    }
    const { resourceVersion: _rv, ...meta } = applied.metadata;
    const object: K8sObject = {
      ...clone(applied),
      apiVersion: applied.apiVersion,
      metadata: { ...clone(meta), uid: existing?.object.metadata.uid ?? `uid-${this.rv + 1}`, creationTimestamp: existing?.object.metadata.creationTimestamp ?? '2026-01-01T00:00:00Z' },
      ...(applied.spec !== undefined || existing?.object.spec !== undefined ? { spec } : {}),
    };
    if (dryRun) return { ...object, metadata: { ...object.metadata, resourceVersion: existing?.object.metadata.resourceVersion ?? '' } };
    return this.commit(resource, object, owners, existing ? 'MODIFIED' : 'ADDED');
  }

  /** Deletes, honouring a resourceVersion precondition; returns the object as it was (with the deletion's RV). */
  delete(resource: FakeResource, namespace: string | undefined, name: string, precondition: string | undefined, dryRun: boolean): K8sObject {
    const k = key(resource, namespace, name);
    const existing = this.entries.get(k);
    const qualified = `${resource.plural}${resource.group ? `.${resource.group}` : ''} "${name}"`;
    if (!existing) throw new FakeApiError(404, 'NotFound', `${qualified} not found`);
    if (precondition !== undefined && existing.object.metadata.resourceVersion !== precondition) {
      throw new FakeApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified}: Precondition failed: ResourceVersion in precondition: ${precondition}, ResourceVersion in object meta: ${existing.object.metadata.resourceVersion}`);
    }
    if (dryRun) return clone(existing.object);
    this.entries.delete(k);
    const object = { ...clone(existing.object), metadata: { ...existing.object.metadata, resourceVersion: String(++this.rv) } };
    this.record('DELETED', resource, object);
    return clone(object);
  }

  /** Stores an object as another client would (kubectl, a controller): no apply checks, `manager` owns its spec. */
  put(resource: FakeResource, object: K8sObject, manager: string): K8sObject {
    const k = key(resource, object.metadata.namespace, object.metadata.name);
    const existing = this.entries.get(k);
    const owners = new Map(Object.keys((object.spec ?? {}) as object).map((f) => [f, manager]));
    const { resourceVersion: _rv, ...meta } = object.metadata;
    const full = { ...clone(object), metadata: { ...meta, uid: existing?.object.metadata.uid ?? `uid-${this.rv + 1}`, creationTimestamp: '2026-01-01T00:00:00Z' } };
    return this.commit(resource, full, owners, existing ? 'MODIFIED' : 'ADDED');
  }

  private commit(resource: FakeResource, object: K8sObject, owners: Map<string, string>, type: 'ADDED' | 'MODIFIED'): K8sObject {
    object.metadata.resourceVersion = String(++this.rv);
    // As a real server reports them: one entry per manager (the field sets themselves are left out).
    const managers = [...new Set(owners.values())];
    (object.metadata as K8sObject['metadata'] & { managedFields?: unknown }).managedFields = managers.map((manager) => ({ manager, operation: manager === 'meshlens' ? 'Apply' : 'Update', fieldsType: 'FieldsV1' }));
    this.entries.set(key(resource, object.metadata.namespace, object.metadata.name), { resource, object, owners });
    this.record(type, resource, object);
    return clone(object);
  }

  private record(type: StoredEvent['type'], resource: FakeResource, object: K8sObject): void {
    const e: StoredEvent = { rv: Number(object.metadata.resourceVersion), type, resource, object: clone(object) };
    this.events.push(e);
    this.onEvent?.(e);
  }
}

const sameResource = (a: FakeResource, b: FakeResource) => a.group === b.group && a.plural === b.plural;

const NAMESPACE: FakeResource = { group: '', versions: ['v1'], kind: 'Namespace', plural: 'namespaces', namespaced: false };

function key(resource: FakeResource, namespace: string | undefined, name: string): string {
  // Namespaces are matched by plural so the fake's namespace check does not depend on object identity.
  return `${resource.group}/${resource.plural}/${resource.namespaced ? (namespace ?? '') : ''}/${name}`;
}

/**
 * `limit`/`continue` paging. The token carries the first page's resourceVersion and an offset; unlike etcd the
 * fake pages over the current objects rather than a snapshot, which is all the tests need. A token from before
 * a compaction is 410 Expired, as on a real server.
 */
export function pageOf(all: K8sObject[], limit: string | undefined, token: string | undefined, store: FakeObjectStore): { items: K8sObject[]; rv: string; next?: string } {
  let offset = 0;
  let rv = String(store.rv);
  if (token) {
    let t: { rv: string; offset: number };
    try {
      t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { rv: string; offset: number };
    } catch {
      throw new FakeApiError(400, 'BadRequest', 'invalid continue token');
    }
    if (Number(t.rv) < store.compactedBefore) throw new FakeApiError(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result.');
    ({ rv, offset } = t);
  }
  const n = limit ? Number(limit) : Infinity;
  const items = all.slice(offset, offset + n);
  const more = offset + n < all.length;
  return { items, rv, ...(more ? { next: Buffer.from(JSON.stringify({ rv, offset: offset + n })).toString('base64url') } : {}) };
}

export function fieldSelectorName(selector: string | undefined): string | undefined {
  if (!selector) return undefined;
  const m = /^metadata\.name=([^,]+)$/.exec(selector);
  if (!m) throw new FakeApiError(400, 'BadRequest', `the fake API server only understands fieldSelector=metadata.name=<name>, not ${selector}`);
  return m[1];
}

export function withoutTypeMeta(o: K8sObject): Omit<K8sObject, 'apiVersion' | 'kind'> {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  return rest;
}
