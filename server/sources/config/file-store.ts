import { watch, type FSWatcher } from 'node:fs';
import { access, cp, mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { objectKey } from '../../../lib/istio/types';
import { YAML_LIMITS, type YamlLimits } from '../../../lib/limits/yaml';
import { parseDocuments, type ParsedObject } from './parse-documents';
import { atomicWrite, fileForNewObject, removeStaleTemps, rewriteDocument, toYaml, type WriteStep } from './file-writes';
import { StoreError, type ConfigChange, type ConfigLoadError, type ListFilter, type MeshConfigStore, type StoredObject } from './store';
import type { K8sObject } from '../../../lib/istio/types';

export interface FileStoreOptions {
  dir: string;
  log: Logger;
  /** When the folder is missing or holds no YAML, copy these files in first (the demo's seed config). */
  seedFrom?: string;
  /** Fallback polling period for file systems where watch events are unreliable. */
  pollMs?: number;
  /** Bounds on each file (bytes, documents, depth, keys, nodes, aliases); default `YAML_LIMITS`. */
  limits?: YamlLimits;
  /** Called (and awaited) at points inside each write: crash tests stop the process there. */
  onWriteStep?: (step: WriteStep) => unknown;
}

interface FileEntry {
  mtimeMs: number;
  size: number;
  objects: ParsedObject[];
  errors: ConfigLoadError[];
}

const CONFIG_FILE = /\.(ya?ml|json)$/i;

/**
 * The embedded config store: a folder of YAML files (the layout istiod reads with `configSources: fs://`).
 * An in-memory index is rebuilt from the files on start and whenever a watcher (or the fallback poll) sees a
 * change; unchanged files are not re-parsed. A malformed file is reported and skipped; the rest still loads.
 */
export class FileConfigStore implements MeshConfigStore {
  private files = new Map<string, FileEntry>();
  private index = new Map<string, StoredObject>();
  private loadErrors: ConfigLoadError[] = [];
  private listeners = new Set<(c: ConfigChange) => void>();
  private watcher?: FSWatcher;
  private poll?: NodeJS.Timeout;
  private debounce?: NodeJS.Timeout;
  private reloading: Promise<void> = Promise.resolve();
  private writing: Promise<unknown> = Promise.resolve();
  private objectVersions = new Map<string, { rv: number; json: string }>();
  private nextRv = 1;
  version = 0;

  private constructor(private readonly opts: FileStoreOptions) {}

  /** Opens (and seeds, when asked) the folder, loads it, and starts watching. */
  static async open(opts: FileStoreOptions): Promise<FileConfigStore> {
    const store = new FileConfigStore(opts);
    await mkdir(opts.dir, { recursive: true });
    // A crash between writing a temp file and renaming it leaves the temp behind; nothing else writes here yet.
    const stale = await removeStaleTemps(opts.dir);
    if (stale.length > 0) opts.log.warn({ files: stale.map((f) => path.relative(opts.dir, f)) }, 'removed temp files left by an interrupted write');
    if (opts.seedFrom && !(await hasConfigFiles(opts.dir))) {
      await cp(opts.seedFrom, opts.dir, { recursive: true, filter: (src) => !path.basename(src).startsWith('.') });
      opts.log.info({ dir: opts.dir, from: opts.seedFrom }, 'seeded config folder with the demo mesh');
    }
    await store.reload();
    store.startWatching();
    return store;
  }

  get dir(): string {
    return this.opts.dir;
  }

  list(filter?: ListFilter): StoredObject[] {
    const out: StoredObject[] = [];
    for (const o of this.index.values()) {
      if (filter?.kinds && !filter.kinds.includes(o.object.kind)) continue;
      if (filter?.namespaces && !filter.namespaces.includes(o.object.metadata.namespace ?? '')) continue;
      out.push(o);
    }
    return out;
  }

  get(kind: string, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.index.get(objectKey(kind, namespace, name));
  }

  errors(): ConfigLoadError[] {
    return [...this.loadErrors];
  }

  namespaces(): string[] {
    const set = new Set<string>();
    for (const o of this.index.values()) {
      if (o.object.kind === 'Namespace') set.add(o.object.metadata.name);
      else if (o.object.metadata.namespace) set.add(o.object.metadata.namespace);
    }
    return [...set].sort();
  }

  subscribe(listener: (change: ConfigChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads the folder now (serialised: concurrent calls wait for each other). */
  reload(): Promise<void> {
    this.reloading = this.reloading.then(() => this.doReload()).catch((err: unknown) => {
      this.opts.log.error({ err }, 'config reload failed');
    });
    return this.reloading;
  }

  readonly kind = 'files' as const;

  private get limits(): YamlLimits {
    return this.opts.limits ?? YAML_LIMITS;
  }

  /**
   * Creates an object in a new file (never over an existing one); 409 when it exists. A write that would not load
   * back as the same object is refused before anything is written, and one that still does not (another file
   * shadows it) is undone: nothing is left behind.
   */
  create(object: K8sObject): Promise<StoredObject> {
    return this.serialised(async () => {
      const { kind, metadata } = object;
      if (this.get(kind, metadata.namespace, metadata.name)) throw new StoreError('exists', `${kind} ${metadata.namespace ?? ''}/${metadata.name} already exists`);
      const text = this.loadableYaml(stripServerFields(object));
      const file = await this.freeFileFor(object);
      await mkdir(path.dirname(file), { recursive: true });
      await atomicWrite(file, text, this.opts.onWriteStep);
      return this.afterWrite(kind, metadata.namespace, metadata.name, async () => unlink(file).catch(() => undefined));
    });
  }

  /** The new object's file: `<ns>/<kind>-<name>.yaml`, or `-2`, `-3`... when a file of that name holds something else. */
  private async freeFileFor(object: K8sObject): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const file = fileForNewObject(this.opts.dir, object, attempt);
      const exists = await access(file).then(() => true, () => false);
      if (!exists) return file;
    }
    throw new StoreError('conflict', `no free file name for ${object.kind} ${object.metadata.name}`);
  }

  /** The YAML an object is written as, refused (422) when it would not parse back to the same object. */
  private loadableYaml(object: K8sObject): string {
    const text = toYaml(object);
    const back = parseDocuments('(new)', text, this.limits);
    const only = back.objects.length === 1 ? back.objects[0]?.object : undefined;
    const same = only && only.kind === object.kind && only.metadata.name === object.metadata.name && only.metadata.namespace === object.metadata.namespace && JSON.stringify(only) === JSON.stringify(object);
    if (!same) throw new StoreError('invalid', `${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name} would not load back as written (${back.errors[0]?.message ?? 'it reads back differently'}); nothing was written`);
    return text;
  }

  /** Replaces an object in place (in its own file); 404 when missing, 409 when `expectedVersion` is stale. */
  replace(object: K8sObject, expectedVersion?: string): Promise<StoredObject> {
    return this.serialised(async () => {
      const { kind, metadata } = object;
      const current = this.requireCurrent(kind, metadata.namespace, metadata.name, expectedVersion);
      const file = path.join(this.opts.dir, current.source?.file ?? '');
      const stripped = stripServerFields(object);
      this.loadableYaml(stripped);
      const done = await rewriteDocument(file, kind, metadata.namespace, metadata.name, stripped, this.limits, this.opts.onWriteStep);
      if (!done) throw new StoreError('conflict', `${kind} ${metadata.namespace ?? ''}/${metadata.name} changed on disk; reload and try again`);
      return this.afterWrite(kind, metadata.namespace, metadata.name, () => atomicWrite(file, done.previous));
    });
  }

  /** Deletes an object; returns what was deleted. */
  remove(kind: string, namespace: string | undefined, name: string, expectedVersion?: string): Promise<StoredObject> {
    return this.serialised(async () => {
      const current = this.requireCurrent(kind, namespace, name, expectedVersion);
      const file = path.join(this.opts.dir, current.source?.file ?? '');
      if (!(await rewriteDocument(file, kind, namespace, name, undefined, this.limits, this.opts.onWriteStep))) {
        throw new StoreError('conflict', `${kind} ${namespace ?? ''}/${name} changed on disk; reload and try again`);
      }
      await this.doReload();
      return current;
    });
  }

  private requireCurrent(kind: string, namespace: string | undefined, name: string, expectedVersion: string | undefined): StoredObject {
    const current = this.get(kind, namespace, name);
    if (!current) throw new StoreError('not_found', `${kind} ${namespace ?? ''}/${name} not found`);
    if (expectedVersion !== undefined && expectedVersion !== current.resourceVersion) {
      throw new StoreError('conflict', `${kind} ${namespace ?? ''}/${name} was changed by someone else (resourceVersion ${current.resourceVersion}, yours ${expectedVersion}); reload and try again`);
    }
    return current;
  }

  /** Reloads and returns the written object; when it did not load back, `undo` restores the files and it is refused. */
  private async afterWrite(kind: string, namespace: string | undefined, name: string, undo: () => Promise<unknown>): Promise<StoredObject> {
    await this.doReload();
    const stored = this.get(kind, namespace, name);
    if (stored) return stored;
    await undo();
    await this.doReload();
    throw new StoreError('invalid', `${kind} ${namespace ?? ''}/${name} did not load back after writing (is another copy defined elsewhere?); the write was undone`);
  }

  /** Writes run one at a time and never interleave with a reload. */
  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    // Capture the pending reload now: `this.reloading` is reassigned below to wait for this very write.
    const pendingReload = this.reloading;
    const run = this.writing.then(() => pendingReload).then(fn);
    this.writing = run.catch(() => undefined);
    this.reloading = run.then(() => undefined, () => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.watcher?.close();
    if (this.poll) clearInterval(this.poll);
    if (this.debounce) clearTimeout(this.debounce);
    await this.reloading;
  }

  private startWatching(): void {
    const schedule = () => {
      if (this.debounce) clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.reload(), 100);
    };
    try {
      this.watcher = watch(this.opts.dir, { recursive: true }, schedule);
      this.watcher.on('error', (err) => this.opts.log.warn({ err }, 'config watcher failed; relying on polling'));
    } catch (err) {
      this.opts.log.warn({ err }, 'cannot watch the config folder; relying on polling');
    }
    this.poll = setInterval(() => void this.reload(), this.opts.pollMs ?? 1000);
    this.poll.unref();
  }

  private async doReload(): Promise<void> {
    const paths = await listConfigFiles(this.opts.dir);
    const next = new Map<string, FileEntry>();
    let filesChanged = paths.length !== this.files.size;
    for (const p of paths) {
      const rel = path.relative(this.opts.dir, p);
      let st;
      try {
        st = await stat(p);
      } catch {
        filesChanged = true;
        continue; // removed between listing and stat
      }
      const prev = this.files.get(rel);
      if (prev && prev.mtimeMs === st.mtimeMs && prev.size === st.size) {
        next.set(rel, prev);
        continue;
      }
      filesChanged = true;
      next.set(rel, await readEntry(p, rel, st.size, st.mtimeMs, this.limits));
    }
    if (!filesChanged) return;
    this.files = next;
    this.rebuildIndex();
  }

  private rebuildIndex(): void {
    const index = new Map<string, StoredObject>();
    const errors: ConfigLoadError[] = [];
    const origin = new Map<string, string>();
    for (const [rel, entry] of [...this.files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      errors.push(...entry.errors);
      for (const p of entry.objects) {
        const key = objectKey(p.object.kind, p.object.metadata.namespace, p.object.metadata.name);
        if (index.has(key)) {
          errors.push({ file: rel, line: p.line, message: `${p.object.kind} ${p.object.metadata.namespace ?? ''}/${p.object.metadata.name} is also defined in ${origin.get(key)}; this copy is ignored` });
          continue;
        }
        origin.set(key, rel);
        index.set(key, { object: p.object, resourceVersion: this.versionFor(key, p.object), source: { file: rel, line: p.line, column: p.column } });
      }
    }
    const changed: ConfigChange['changed'] = [];
    for (const [key, o] of index) {
      const before = this.index.get(key);
      if (!before) changed.push({ kind: o.object.kind, namespace: o.object.metadata.namespace, name: o.object.metadata.name, type: 'added' });
      else if (before.resourceVersion !== o.resourceVersion) changed.push({ kind: o.object.kind, namespace: o.object.metadata.namespace, name: o.object.metadata.name, type: 'modified' });
    }
    for (const [key, o] of this.index) {
      if (!index.has(key)) {
        changed.push({ kind: o.object.kind, namespace: o.object.metadata.namespace, name: o.object.metadata.name, type: 'deleted' });
        this.objectVersions.delete(key);
      }
    }
    this.index = index;
    const errorsChanged = JSON.stringify(errors) !== JSON.stringify(this.loadErrors);
    this.loadErrors = errors;
    for (const e of errors) if (errorsChanged) this.opts.log.warn({ file: e.file, line: e.line }, `config file skipped: ${e.message}`);
    if (changed.length === 0) return;
    this.version++;
    const change: ConfigChange = { version: this.version, changed };
    for (const l of this.listeners) {
      try {
        l(change);
      } catch (err) {
        this.opts.log.error({ err }, 'config change listener failed');
      }
    }
  }

  /** A per-object resourceVersion that changes exactly when the object's content does. */
  private versionFor(key: string, object: unknown): string {
    const json = JSON.stringify(object);
    const known = this.objectVersions.get(key);
    if (known && known.json === json) return String(known.rv);
    const rv = this.nextRv++;
    this.objectVersions.set(key, { rv, json });
    return String(rv);
  }
}

/** Fields the server owns are not written to files. */
function stripServerFields(o: K8sObject): K8sObject {
  const { resourceVersion: _rv, uid: _uid, generation: _g, creationTimestamp: _c, ...metadata } = o.metadata;
  const { status: _status, ...rest } = o;
  return { ...rest, metadata } as K8sObject;
}

async function readEntry(abs: string, rel: string, size: number, mtimeMs: number, limits: YamlLimits): Promise<FileEntry> {
  if (size > limits.maxBytes) {
    return { mtimeMs, size, objects: [], errors: [{ file: rel, message: `file is ${size} bytes, over the ${limits.maxBytes}-byte limit (yaml.maxBytes)` }] };
  }
  try {
    const text = await readFile(abs, 'utf8');
    const { objects, errors } = parseDocuments(rel, text, limits);
    return { mtimeMs, size, objects, errors };
  } catch (err) {
    return { mtimeMs, size, objects: [], errors: [{ file: rel, message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` }] };
  }
}

async function listConfigFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, depth: number): Promise<void> => {
    if (depth > 8) return;
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue; // temp files of atomic writes, editors' swap files
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p, depth + 1);
      else if (e.isFile() && CONFIG_FILE.test(e.name)) out.push(p);
    }
  };
  await walk(dir, 0);
  return out.sort();
}

async function hasConfigFiles(dir: string): Promise<boolean> {
  return (await listConfigFiles(dir)).length > 0;
}
