import type { Logger } from 'pino';
import { objectKey, type K8sObject } from '../../../../lib/istio/types';
import type { ConfigChange, ConfigLoadError, ListFilter, StoredObject } from '../store';
import type { ReflectorSink } from './reflector';
import { slimObject } from './kinds';

/**
 * The in-memory mirror the reads answer from, fed by the reflectors (and by write responses, so a writer reads its
 * own write at once). Every indexed change bumps `version` and notifies the listeners once.
 */
export class ObjectIndex implements ReflectorSink {
  /** By kind, then by object key: list({ kinds }) is called per request and must not walk every Pod. */
  private byKind = new Map<string, Map<string, StoredObject>>();
  private problems = new Map<string, string>();
  private listeners = new Set<(c: ConfigChange) => void>();
  version = 0;

  constructor(
    private readonly log: Logger,
    /** Objects outside the watched namespaces (Namespace objects are listed cluster-wide) are not kept. */
    private readonly keep: (o: K8sObject) => boolean = () => true,
  ) {}

  list(filter?: ListFilter): StoredObject[] {
    const out: StoredObject[] = [];
    const kinds = filter?.kinds ?? [...this.byKind.keys()];
    for (const o of kinds.flatMap((k) => [...(this.byKind.get(k)?.values() ?? [])])) {
      if (filter?.namespaces && !filter.namespaces.includes(o.object.metadata.namespace ?? '')) continue;
      out.push(o);
    }
    return out;
  }

  get(kind: string, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.byKind.get(kind)?.get(objectKey(kind, namespace, name));
  }

  namespaces(): string[] {
    const set = new Set<string>();
    for (const o of this.list()) {
      if (o.object.kind === 'Namespace') set.add(o.object.metadata.name);
      else if (o.object.metadata.namespace) set.add(o.object.metadata.namespace);
    }
    return [...set].sort();
  }

  errors(): ConfigLoadError[] {
    return [...this.problems].map(([file, message]) => ({ file, message }));
  }

  subscribe(listener: (change: ConfigChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setError(source: string, message: string | undefined): void {
    if (message === undefined) {
      if (this.problems.delete(source)) this.log.info({ source }, 'Kubernetes source recovered');
    } else this.problems.set(source, message);
  }

  replaceAll(kind: string, namespace: string | undefined, objects: K8sObject[]): void {
    const changed: ConfigChange['changed'] = [];
    const seen = new Set<string>();
    const ofKind = this.mapFor(kind);
    for (const raw of objects) {
      if (!this.keep(raw)) continue;
      const o = slimObject(raw);
      const key = objectKey(o.kind, o.metadata.namespace, o.metadata.name);
      seen.add(key);
      const before = ofKind.get(key);
      const rv = o.metadata.resourceVersion ?? '';
      if (before?.resourceVersion === rv) continue;
      ofKind.set(key, { object: o, resourceVersion: rv });
      changed.push(entry(o, before ? 'modified' : 'added'));
    }
    for (const [key, s] of ofKind) {
      const o = s.object;
      if (seen.has(key)) continue;
      if (namespace !== undefined && o.metadata.namespace !== namespace) continue;
      ofKind.delete(key);
      changed.push(entry(o, 'deleted'));
    }
    this.emit(changed);
  }

  apply(type: 'added' | 'modified' | 'deleted', raw: K8sObject): void {
    if (!this.keep(raw)) return;
    const o = slimObject(raw);
    const key = objectKey(o.kind, o.metadata.namespace, o.metadata.name);
    const ofKind = this.mapFor(o.kind);
    const before = ofKind.get(key);
    const rv = o.metadata.resourceVersion ?? '';
    if (before && isOlder(rv, before.resourceVersion)) return;
    if (type === 'deleted') {
      if (!before) return;
      ofKind.delete(key);
      this.emit([entry(o, 'deleted')]);
      return;
    }
    if (before?.resourceVersion === rv) return;
    ofKind.set(key, { object: o, resourceVersion: rv });
    this.emit([entry(o, before ? 'modified' : 'added')]);
  }

  private mapFor(kind: string): Map<string, StoredObject> {
    let m = this.byKind.get(kind);
    if (!m) this.byKind.set(kind, (m = new Map()));
    return m;
  }

  private emit(changed: ConfigChange['changed']): void {
    if (changed.length === 0) return;
    this.version++;
    const change: ConfigChange = { version: this.version, changed };
    for (const l of this.listeners) {
      try {
        l(change);
      } catch (err) {
        this.log.error({ err }, 'config change listener failed');
      }
    }
  }
}

function entry(o: K8sObject, type: 'added' | 'modified' | 'deleted'): ConfigChange['changed'][number] {
  return { kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name, type };
}

/**
 * True when `rv` is known to predate `than`. resourceVersions are opaque by contract, but every API server backed
 * by etcd hands out increasing integers; comparing them keeps a late watch event from undoing a write already
 * indexed from its response. Anything non-numeric is never called older.
 */
function isOlder(rv: string, than: string): boolean {
  if (!/^\d+$/.test(rv) || !/^\d+$/.test(than)) return false;
  return BigInt(rv) < BigInt(than);
}
