import { parseAllDocuments } from 'yaml';

export type BodyResult = { ok: true; body: Record<string, unknown> } | { ok: false; message: string };

/**
 * The JSON body for a write from the editor's YAML: exactly one mapping, carrying the resourceVersion the edit
 * started from (so the server can refuse it with 409 when someone else changed the object meanwhile).
 */
export function bodyForSave(text: string, resourceVersion?: string): BodyResult {
  const docs = parseAllDocuments(text, { uniqueKeys: true });
  if (!Array.isArray(docs)) return { ok: false, message: 'The YAML is empty.' };
  const real = docs.filter((d) => d.contents !== null);
  if (real.length === 0) return { ok: false, message: 'The YAML is empty.' };
  if (real.length > 1) return { ok: false, message: `The YAML holds ${real.length} documents; this editor saves one object.` };
  const doc = real[0];
  if (!doc) return { ok: false, message: 'The YAML is empty.' };
  const err = doc.errors[0];
  if (err) return { ok: false, message: `The YAML does not parse: ${err.message.split('\n')[0] ?? ''}` };
  const value: unknown = doc.toJS({ maxAliasCount: 50 });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'The YAML must be one object (a mapping with apiVersion, kind, metadata, spec).' };
  const body = { ...(value as Record<string, unknown>) };
  const meta = body.metadata;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return { ok: false, message: 'metadata must be a mapping with at least a name.' };
  body.metadata = { ...(meta as Record<string, unknown>), ...(resourceVersion !== undefined ? { resourceVersion } : {}) };
  return { ok: true, body };
}

/** Identity fields of a YAML text, for creating it at the right path; undefined where missing. */
export function identityOf(body: Record<string, unknown>): { apiVersion?: string; kind?: string; namespace?: string; name?: string } {
  const meta = (body.metadata ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const out: { apiVersion?: string; kind?: string; namespace?: string; name?: string } = {};
  const apiVersion = str(body.apiVersion);
  const kind = str(body.kind);
  const namespace = str(meta.namespace);
  const name = str(meta.name);
  if (apiVersion) out.apiVersion = apiVersion;
  if (kind) out.kind = kind;
  if (namespace) out.namespace = namespace;
  if (name) out.name = name;
  return out;
}
