import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CONFIG_DIR } from '../../demo';
import { FileConfigStore } from '../../sources/config/file-store';
import type { CrashStep } from './crash-child';
import { ConfigHistory } from './journal';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function temps(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) if (e.isFile() && e.name.endsWith('.tmp')) out.push(e.name);
  return out;
}

/** Runs the child until it kills itself; resolves with the signal it died of. */
function runChild(configDir: string, dataDir: string, step: CrashStep): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, configDir, dataDir, step], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal ? resolve(signal) : reject(new Error(`child exited with ${code}: ${err}`))));
  });
}

describe('config history after kill -9 (a real child process, SIGKILL at each step of a write)', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  // What must hold after restart, per step: is the write on disk, and does history have it (they must agree).
  const cases: [CrashStep, { onDisk: boolean; tempLeft: boolean }][] = [
    ['after-intent', { onDisk: false, tempLeft: false }],
    ['temp-written', { onDisk: false, tempLeft: true }],
    ['renamed', { onDisk: true, tempLeft: false }],
    ['after-done', { onDisk: true, tempLeft: false }],
  ];
  for (const [step, want] of cases) {
    it(`killed at ${step}: history and files agree after restart, and no temp file survives it`, async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), 'meshlens-crash-'));
      dirs.push(root);
      const configDir = path.join(root, 'config');
      await cp(DEMO_CONFIG_DIR, configDir, { recursive: true });
      expect(await runChild(configDir, root, step)).toBe('SIGKILL');
      expect((await temps(configDir)).length > 0).toBe(want.tempLeft);

      // The restart: the store cleans leftovers, the history settles intents against it (as the feature does at start).
      const store = await FileConfigStore.open({ dir: configDir, log: pino({ level: 'silent' }), pollMs: 60_000 });
      try {
        const history = await ConfigHistory.open(root);
        await history.reconcile(store);
        expect(await temps(configDir)).toEqual([]);
        const onDisk = store.get('VirtualService', 'bookinfo', 'reviews')?.object.metadata.labels?.crashed === 'maybe';
        expect(onDisk).toBe(want.onDisk);
        const entries = history.list({ kind: 'VirtualService', name: 'reviews' });
        expect(entries.length).toBe(onDisk ? 1 : 0);
        if (onDisk) expect(entries[0]?.after?.metadata.labels?.crashed).toBe('maybe');
        expect(history.pending()).toEqual([]);
        // Settling is itself journaled: a second restart decides nothing again.
        expect(await (await ConfigHistory.open(root)).reconcile(store)).toEqual({ done: [], aborted: [] });
      } finally {
        await store.close();
      }
    }, 60_000);
  }
});
