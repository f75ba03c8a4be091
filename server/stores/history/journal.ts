import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { K8sObject } from '../../../lib/istio/types';

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

/**
 * The config history: an append-only JSON-lines journal in the data folder, fsynced per entry so an answered
 * write is never missing from it. Loaded into memory at start (a journal line that is torn by a crash is skipped).
 */
export class ConfigHistory {
  private entries: HistoryEntry[] = [];
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
        const e = JSON.parse(line) as HistoryEntry;
        if (typeof e.id === 'number' && typeof e.kind === 'string') {
          h.entries.push(e);
          h.nextId = Math.max(h.nextId, e.id + 1);
        } else h.skippedLines++;
      } catch {
        h.skippedLines++;
      }
    }
    return h;
  }

  /** Appends an entry durably and returns it with its id. */
  record(e: Omit<HistoryEntry, 'id' | 'time'>, now = new Date()): Promise<HistoryEntry> {
    const entry: HistoryEntry = { id: this.nextId++, time: now.toISOString(), ...e };
    const run = this.appending.then(async () => {
      const fh = await open(this.file, 'a');
      try {
        await fh.appendFile(JSON.stringify(entry) + '\n');
        await fh.sync();
      } finally {
        await fh.close();
      }
      this.entries.push(entry);
      return entry;
    });
    this.appending = run.catch(() => undefined);
    return run;
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
