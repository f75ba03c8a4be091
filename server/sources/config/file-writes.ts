import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Document, isMap, isNode, parseAllDocuments } from 'yaml';
import type { K8sObject } from '../../../lib/istio/types';

/** Writes a file atomically: a hidden temp file in the same folder (the loader skips dot files), fsync, rename. */
export async function atomicWrite(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'w', 0o644);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

const sameObject = (v: unknown, kind: string, ns: string | undefined, name: string): boolean => {
  const o = v as Partial<K8sObject> | null;
  return !!o && o.kind === kind && o.metadata?.name === name && (o.metadata?.namespace ?? undefined) === ns;
};

function serialise(docs: Document[]): string {
  return docs
    .map((d) => d.toString({ lineWidth: 0 }).replace(/^---\n/, ''))
    .join('---\n');
}

/**
 * Replaces (or, with `next` undefined, removes) one object's document inside a multi-document file, keeping the
 * other documents and their comments. Returns false when the file no longer holds that object.
 */
export async function rewriteDocument(file: string, kind: string, ns: string | undefined, name: string, next: K8sObject | undefined): Promise<boolean> {
  const text = await readFile(file, 'utf8');
  const docs = parseAllDocuments(text);
  const list: Document[] = Array.isArray(docs) ? [...docs] : [docs];
  const i = list.findIndex((d) => d.errors.length === 0 && sameObject(d.toJS(), kind, ns, name));
  if (i === -1) return false;
  if (next) {
    // Keep the comments around the document that is replaced (a file header, a note above the object).
    const replaced = new Document(next);
    const old = list[i] as Document;
    // A comment at the top of a document hangs on the document, or on its first key when there is no `---`.
    const first = isMap(old.contents) ? old.contents.items[0]?.key : undefined;
    const top = old.commentBefore ?? (isNode(first) ? first.commentBefore : undefined);
    if (top) replaced.commentBefore = top;
    if (old.comment) replaced.comment = old.comment;
    list[i] = replaced;
  } else list.splice(i, 1);
  const remaining = list.filter((d) => d.contents !== null);
  if (remaining.length === 0) await unlink(file);
  else await atomicWrite(file, serialise(remaining));
  return true;
}

/** The file a new object goes to: `<namespace>/<kind>-<name>.yaml` (cluster-scoped: `_cluster/...`). */
export function fileForNewObject(dir: string, o: K8sObject): string {
  const safe = (s: string) => s.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
  return path.join(dir, safe(o.metadata.namespace ?? '_cluster'), `${safe(o.kind)}-${safe(o.metadata.name)}.yaml`);
}

export function toYaml(o: K8sObject): string {
  return new Document(o).toString({ lineWidth: 0 });
}
