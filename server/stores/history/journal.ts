import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { K8sObject } from '../../../lib/istio/types';
import { sameContent } from './same-content';

/** One write made through Meshlens: who, when, and the object before and after. */
export interface HistoryEntry {
  id: number;
  /** ISO time. */
  time: string;
  user: string;
  action: 'create' | 'replace' | 'patch' | 'delete' | 'rollback' | 'traffic-shift';
  kind: string;
  namespace?: string;
  name: string;
  before?: K8sObject;
  after?: K8sObject;
  /** Free text: what the change was for (e.g. "reviews weights v1=50 v3=50"). */
  summary?: string;
  /** For a rollback: the entry it restored. */
  rollbackOf?: number;
}

export interface HistoryFilter {
  namespace?: string;
  kind?: string;
  name?: string;
  limit?: number;
}

/** What a store answers about an object, for reconciling intents after a crash. */
export interface ObjectLookup {
  get(kind: string, namespace: string | undefined, name: string): { object: K8sObject } | undefined;
}

/**
 * Journal lines. An entry is written as an intent before the store is touched, then marked done (with the object
 * as stored) or aborted; lines from before intents existed carry no `state` and count as done.
 */
type Line = ({ state: 'intent' } & HistoryEntry) | { state: 'done'; id: number; after?: K8sObject } | { state: 'aborted'; id: number; reason?: string } | ({ state?: undefined } & HistoryEntry);

/**
 * The config history: an append-only JSON-lines journal in the data folder, fsynced per line. Each write is
 * journaled first as an intent, then made, then marked done, so a crash at any point leaves either an intent the
 * next start can check against the store (`reconcile`) or a complete entry: an answered write is never missing,
 * and a write that is on disk is never missing either. A torn last line (the crash hit the append) is skipped.
 */
export class ConfigHistory {
  private entries: HistoryEntry[] = [];
  private pendingIntents = new Map<number, HistoryEntry>();
  private nextId = 1;
  private appending: Promise<unknown> = Promise.resolve();
  skippedLines = 0;

  private constructor(private readonly file: string) {}

  static async open(dataDir: string): Promise<ConfigHistory> {
    const file = path.join(dataDir, 'history', 'config-journal.jsonl');
    await mkdir(path.dirname(file), { recursive: true });
    const h = new ConfigHistory(file);
    let text = '';
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        h.apply(JSON.parse(line) as Line);
      } catch {
        h.skippedLines++;
      }
    }
    return h;
  }

  private apply(l: Line): void {
    if (typeof l !== 'object' || l === null || typeof l.id !== 'number') throw new Error('not a journal line');
    this.nextId = Math.max(this.nextId, l.id + 1);
    if (l.state === 'intent') {
      const { state: _s, ...entry } = l;
      this.pendingIntents.set(l.id, entry);
    } else if (l.state === 'done' || l.state === 'aborted') {
      const intent = this.pendingIntents.get(l.id);
      if (!intent) return;
      this.pendingIntents.delete(l.id);
      if (l.state === 'done') this.insert({ ...intent, ...(l.after ? { after: l.after } : {}) });
    } else {
      if (typeof l.kind !== 'string') throw new Error('not a journal line');
      const { state: _s, ...entry } = l;
      this.insert(entry);
    }
  }

  /** Entries stay in id order (a reconciled intent may be older than entries done after it). */
  private insert(e: HistoryEntry): void {
    let i = this.entries.length;
    while (i > 0 && (this.entries[i - 1] as HistoryEntry).id > e.id) i--;
    this.entries.splice(i, 0, e);
  }

  private append(line: Line): Promise<void> {
    const run = this.appending.then(async () => {
      const fh = await open(this.file, 'a');
      try {
        await fh.appendFile(JSON.stringify(line) + '\n');
        await fh.sync();
      } finally {
        await fh.close();
      }
    });
    this.appending = run.catch(() => undefined);
    return run;
  }

  /** Journals the intent of a write (durably) before the store is touched; `after` is the object to be written. */
  async begin(e: Omit<HistoryEntry, 'id' | 'time'>, now = new Date()): Promise<HistoryEntry> {
    const entry: HistoryEntry = { id: this.nextId++, time: now.toISOString(), ...e };
    await this.append({ state: 'intent', ...entry });
    this.pendingIntents.set(entry.id, entry);
    return entry;
  }

  /** Marks an intent done, with the object as the store now holds it (absent for a delete). */
  async commit(id: number, after?: K8sObject): Promise<HistoryEntry> {
    const intent = this.pendingIntents.get(id);
    if (!intent) throw new Error(`no pending history intent ${id}`);
    await this.append({ state: 'done', id, ...(after ? { after } : {}) });
    this.pendingIntents.delete(id);
    const { after: _planned, ...rest } = intent;
    const entry: HistoryEntry = { ...rest, ...(after ? { after } : {}) };
    this.insert(entry);
    return entry;
  }

  /** Marks an intent aborted: the store refused the write, so history keeps nothing of it. */
  async abort(id: number, reason?: string): Promise<void> {
    if (!this.pendingIntents.has(id)) return;
    await this.append({ state: 'aborted', id, ...(reason ? { reason: reason.slice(0, 500) } : {}) });
    this.pendingIntents.delete(id);
  }

  /** Appends a complete entry (intent and done at once) and returns it with its id. */
  async record(e: Omit<HistoryEntry, 'id' | 'time'>, now = new Date()): Promise<HistoryEntry> {
    const intent = await this.begin(e, now);
    return this.commit(intent.id, e.after);
  }

  /** Intents with no outcome yet (after a crash, until `reconcile`). */
  pending(): HistoryEntry[] {
    return [...this.pendingIntents.values()];
  }

  /**
   * After a restart: an intent whose object the store holds as intended (or no longer holds, for a delete) was
   * written before the crash and is marked done; any other was not, and is aborted. Returns what was decided.
   */
  async reconcile(store: ObjectLookup): Promise<{ done: number[]; aborted: number[] }> {
    const out = { done: [] as number[], aborted: [] as number[] };
    for (const e of this.pending()) {
      const now = store.get(e.kind, e.namespace, e.name);
      const happened = e.after ? now !== undefined && sameContent(now.object, e.after) : now === undefined && e.before !== undefined;
      if (happened) {
        await this.commit(e.id, now?.object);
        out.done.push(e.id);
      } else {
        await this.abort(e.id, 'not in the store after a restart');
        out.aborted.push(e.id);
      }
    }
    return out;
  }

  /** Newest first. */
  list(f: HistoryFilter = {}): HistoryEntry[] {
    const out: HistoryEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0 && out.length < (f.limit ?? 200); i--) {
      const e = this.entries[i] as HistoryEntry;
      if (f.namespace !== undefined && e.namespace !== f.namespace) continue;
      if (f.kind !== undefined && e.kind !== f.kind) continue;
      if (f.name !== undefined && e.name !== f.name) continue;
      out.push(e);
    }
    return out;
  }

  get(id: number): HistoryEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }
}
