import { parse as parseYaml } from 'yaml';
import type { K8sObject } from '../../../lib/istio/types';
import { HttpError } from '../../http/errors';
import type { ApiRequest } from '../../http/router';

export const MAX_OBJECT_BYTES = 512 * 1024;

/** Reads a JSON or YAML (Content-Type: application/yaml) request body into a value; 400 with a message when malformed. */
export async function readObjectBody(req: ApiRequest): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
  const buf = await req.body(MAX_OBJECT_BYTES);
  if (buf.length === 0) throw new HttpError('bad_request', 'request body is empty');
  const text = buf.toString('utf8');
  if (/(^|\/|\+|-)yaml$/.test(type)) {
    try {
      return parseYaml(text, { uniqueKeys: true, maxAliasCount: 50 }) as unknown;
    } catch (err) {
      throw new HttpError('bad_request', `malformed YAML: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  if (type !== 'application/json' && type !== 'application/merge-patch+json' && type !== 'text/plain' && type !== '') {
    throw new HttpError('unsupported_media_type', `unsupported Content-Type ${JSON.stringify(type)}; send application/json or application/yaml`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new HttpError('bad_request', `malformed JSON: ${(err as Error).message}`);
  }
}

/**
 * Checks that a body is an object of the kind, namespace and (when given) name in the path, filling in what the
 * path implies (namespace, apiVersion). Refuses mismatches with 400 rather than writing somewhere unexpected.
 */
export function objectForPath(body: unknown, p: { ns: string; group: string; version: string; kind: string; name?: string }): K8sObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError('bad_request', 'body must be a single object (a mapping), not a list or scalar');
  const o = body as Record<string, unknown>;
  const meta = (o.metadata ?? {}) as Record<string, unknown>;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) throw new HttpError('bad_request', 'metadata must be a mapping');
  if (o.kind !== undefined && o.kind !== p.kind) throw new HttpError('bad_request', `body kind ${JSON.stringify(o.kind)} does not match ${p.kind} in the path`);
  if (meta.namespace !== undefined && meta.namespace !== p.ns) throw new HttpError('bad_request', `metadata.namespace ${JSON.stringify(meta.namespace)} does not match ${p.ns} in the path`);
  const name = meta.name ?? p.name;
  if (typeof name !== 'string' || !/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name)) throw new HttpError('bad_request', `metadata.name must be a DNS-1123 name (got ${JSON.stringify(name)})`);
  if (p.name !== undefined && name !== p.name) throw new HttpError('bad_request', `metadata.name ${JSON.stringify(name)} does not match ${p.name} in the path`);
  const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : p.group ? `${p.group}/${p.version}` : p.version;
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  if (group !== p.group && !(p.group === 'core' && group === '')) throw new HttpError('bad_request', `apiVersion ${apiVersion} is not in group ${p.group}`);
  return { ...o, apiVersion, kind: p.kind, metadata: { ...meta, name, namespace: p.ns } } as K8sObject;
}
