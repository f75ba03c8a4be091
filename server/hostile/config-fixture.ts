import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import type { ApiFixture } from '../testing/api-server';
import { rawRequest, underAttack, type RawAnswer } from '../testing/hostile';

/** Every file under the config folder (dot files included: temp files must not survive), path → sha256. */
export async function snapshotFiles(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.set(path.relative(dir, p), createHash('sha256').update(await readFile(p)).digest('hex'));
    }
  };
  await walk(dir);
  return out;
}

export interface Baseline {
  files: Map<string, string>;
  texts: Map<string, string>;
  objects: string[];
  namespaces: string[];
}

async function listed(fx: ApiFixture): Promise<{ objects: string[]; namespaces: string[] }> {
  const cfg = (await fx.call('GET', '/api/istio/config?validate=false')).body as { items: { object: { kind: string; metadata: { namespace?: string; name: string } } }[] };
  const ns = (await fx.call('GET', '/api/namespaces')).body as { name: string }[];
  return { objects: cfg.items.map((i) => `${i.object.kind} ${i.object.metadata.namespace ?? ''}/${i.object.metadata.name}`).sort(), namespaces: ns.map((n) => n.name).sort() };
}

export async function takeBaseline(fx: ApiFixture): Promise<Baseline> {
  const files = await snapshotFiles(fx.configDir);
  const texts = new Map<string, string>();
  for (const f of files.keys()) texts.set(f, await readFile(path.join(fx.configDir, f), 'utf8'));
  return { files, texts, ...(await listed(fx)) };
}

/** The stored config is as it was: same files byte for byte, no orphans or temp files, same objects and namespaces. */
export async function expectIntact(fx: ApiFixture, base: Baseline): Promise<void> {
  expect(Object.fromEntries(await snapshotFiles(fx.configDir))).toEqual(Object.fromEntries(base.files));
  const now = await listed(fx);
  expect(now.objects).toEqual(base.objects);
  expect(now.namespaces).toEqual(base.namespaces);
}

/** Puts the baseline files back (after a case that writes on purpose) and waits for the store to reload. */
export async function restore(fx: ApiFixture, base: Baseline): Promise<void> {
  for (const f of (await snapshotFiles(fx.configDir)).keys()) if (!base.files.has(f)) await rm(path.join(fx.configDir, f));
  for (const [f, text] of base.texts) await writeFile(path.join(fx.configDir, f), text);
  await (fx.server.core.configStore as unknown as { reload(): Promise<void> }).reload();
}

export interface AttackRow {
  attack: string;
  status: number;
  ms: number;
  worstHealthMs: number;
}

/** Sends one request under attack conditions (health probed from another thread) and records the row. */
export async function attack(fx: ApiFixture, rows: AttackRow[], name: string, method: string, p: string, body?: string, contentType = 'application/yaml'): Promise<RawAnswer & { elapsedMs: number; worstHealthMs: number }> {
  const headers: Record<string, string> = { 'x-meshlens-csrf': '1', ...(body !== undefined ? { 'content-type': contentType } : {}) };
  const r = await underAttack(fx.url, () => rawRequest(fx.url, method, p, headers, body));
  rows.push({ attack: name, status: r.value.status, ms: Math.round(r.elapsedMs), worstHealthMs: Math.round(r.worstHealthMs) });
  return { ...r.value, elapsedMs: r.elapsedMs, worstHealthMs: r.worstHealthMs };
}
