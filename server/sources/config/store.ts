import type { K8sObject, SourcePosition } from '../../../lib/istio/types';

/** One object as the store holds it. */
export interface StoredObject {
  object: K8sObject;
  /** The store's version of this object (file store: a counter; Kubernetes: metadata.resourceVersion). */
  resourceVersion: string;
  source?: SourcePosition;
}

/** A file (or other source) that could not be read; the rest of the config still loads. */
export interface ConfigLoadError {
  file: string;
  message: string;
  line?: number;
}

export interface ConfigChange {
  /** The store's version after the change (monotonic). */
  version: number;
  changed: { kind: string; namespace?: string; name: string; type: 'added' | 'modified' | 'deleted' }[];
}

export interface ListFilter {
  kinds?: readonly string[];
  namespaces?: readonly string[];
}

/**
 * The read side of a mesh config store (files or Kubernetes). Reads are synchronous snapshots of an
 * in-memory index kept current by a watcher, so the demo's sidecars and the graph can consult it per request.
 */
export interface MeshConfigReader {
  /** Monotonic version, bumped on every change. */
  readonly version: number;
  list(filter?: ListFilter): StoredObject[];
  get(kind: string, namespace: string | undefined, name: string): StoredObject | undefined;
  /** Files or sources that failed to load, with the reason. */
  errors(): ConfigLoadError[];
  /** Called after each change is indexed; returns an unsubscribe function. */
  subscribe(listener: (change: ConfigChange) => void): () => void;
  /** Namespaces that hold at least one object (plus Namespace objects). */
  namespaces(): string[];
}

/** Why a write was refused; the HTTP layer maps `exists`/`conflict` to 409 and `not_found` to 404. */
export class StoreError extends Error {
  constructor(
    readonly code: 'exists' | 'conflict' | 'not_found' | 'forbidden' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

/** Options of one write. */
export interface WriteOptions {
  /** Check the write where the store can (Kubernetes: `dryRun=All`, admission webhooks included) without persisting. */
  dryRun?: boolean;
}

/** A config store that can also write (files: atomic rewrite; Kubernetes: server-side apply). */
export interface MeshConfigStore extends MeshConfigReader {
  readonly kind: 'files' | 'kubernetes';
  create(object: K8sObject, options?: WriteOptions): Promise<StoredObject>;
  /** Replaces the object; a stale `expectedVersion` is refused with a conflict. */
  replace(object: K8sObject, expectedVersion?: string, options?: WriteOptions): Promise<StoredObject>;
  remove(kind: string, namespace: string | undefined, name: string, expectedVersion?: string, options?: WriteOptions): Promise<StoredObject>;
}

/** Wraps a read-only view as a store whose writes are refused (tests and read-only sources). */
export function readOnlyStore(reader: MeshConfigReader): MeshConfigStore {
  const refuse = () => Promise.reject(new StoreError('forbidden', 'this config source is read-only'));
  return Object.assign(Object.create(reader) as MeshConfigReader, { kind: 'files' as const, create: refuse, replace: refuse, remove: refuse }) as MeshConfigStore;
}
