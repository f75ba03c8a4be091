import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Document } from 'yaml';
import { parseAllDocumentsBounded } from '../../../lib/istio/bounded-yaml';
import type { K8sObject } from '../../../lib/istio/types';
import type { YamlLimits } from '../../../lib/limits/yaml';
import { StoreError } from './store';

/** Points inside a write where tests (a child process killed with SIGKILL) can stop it. */
export type WriteStep = 'temp-written' | 'renamed';

const TEMP = /^\..+\.[0-9a-f]{8}\.tmp$/;

/** Writes a file atomically: a hidden temp file in the same folder (the loader skips dot files), fsync, rename. */
export async function atomicWrite(file: string, text: string, onStep?: (step: WriteStep) => unknown): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'w', 0o644);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  await onStep?.('temp-written');
  try {
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await onStep?.('renamed');
}

/** Removes temp files a crash left behind (`.<name>.<hex>.tmp`), anywhere under `dir`; returns their paths. */
export async function removeStaleTemps(dir: string, depth = 0): Promise<string[]> {
  if (depth > 8) return [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && !e.name.startsWith('.')) removed.push(...(await removeStaleTemps(p, depth + 1)));
    else if (e.isFile() && TEMP.test(e.name)) {
      await unlink(p).catch(() => undefined);
      removed.push(p);
    }
  }
  return removed;
}

const sameObject = (v: unknown, kind: string, ns: string | undefined, name: string): boolean => {
  const o = v as Partial<K8sObject> | null;
  return !!o && o.kind === kind && o.metadata?.name === name && (o.metadata?.namespace ?? undefined) === ns;
};

/**
 * Replaces (or, with `next` undefined, removes) one object's document inside a multi-document file. Only that
 * document's text changes: the others — a broken one included — and the comments around it are kept byte for byte.
 * Returns the file's previous text, or false when the file no longer holds that object.
 */
export async function rewriteDocument(file: string, kind: string, ns: string | undefined, name: string, next: K8sObject | undefined, limits: YamlLimits, onStep?: (step: WriteStep) => unknown): Promise<{ previous: string } | false> {
  const text = await readFile(file, 'utf8');
  const parsed = parseAllDocumentsBounded(text, limits);
  if ('refused' in parsed) throw new StoreError('invalid', `${path.basename(file)} cannot be rewritten: ${parsed.refused.message}`);
  const docs = parsed.documents;
  const i = docs.findIndex(({ doc }) => {
    if (doc.errors.length > 0) return false;
    try {
      return sameObject(doc.toJS({ maxAliasCount: limits.maxAliases }), kind, ns, name);
    } catch {
      return false;
    }
  });
  if (i === -1) return false;
  const pieces = docs.map((d) => d.source);
  if (next) {
    const { doc, source } = docs[i] as (typeof docs)[number];
    // The piece starts where the previous document ended; keep what precedes the contents (`---`, a comment above
    // the object) and follows them (a trailing comment), and write the object between.
    const start = (doc.contents?.range[0] ?? doc.range[0]) - pieceStart(docs, i);
    const end = (doc.contents?.range[2] ?? doc.range[2]) - pieceStart(docs, i);
    const after = source.slice(Math.max(start, end));
    pieces[i] = source.slice(0, start) + toYaml(next) + (after.startsWith('\n') ? after.slice(1) : after);
  } else pieces.splice(i, 1);
  const out = pieces.join('');
  if (out.trim() === '' || /^(\s*---\s*)*$/.test(out)) await unlink(file);
  else await atomicWrite(file, out, onStep);
  return { previous: text };
}

function pieceStart(docs: readonly { source: string }[], i: number): number {
  let n = 0;
  for (let j = 0; j < i; j++) n += (docs[j] as { source: string }).source.length;
  return n;
}

/** The file a new object goes to: `<namespace>/<kind>-<name>.yaml` (cluster-scoped: `_cluster/...`). */
export function fileForNewObject(dir: string, o: K8sObject, attempt = 0): string {
  const safe = (s: string) => s.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
  const suffix = attempt === 0 ? '' : `-${attempt + 1}`;
  return path.join(dir, safe(o.metadata.namespace ?? '_cluster'), `${safe(o.kind)}-${safe(o.metadata.name)}${suffix}.yaml`);
}

export function toYaml(o: K8sObject): string {
  return new Document(o).toString({ lineWidth: 0 });
}
