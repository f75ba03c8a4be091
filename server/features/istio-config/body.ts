import { isDns1123Subdomain } from '../../../lib/istio/names';
import type { K8sObject } from '../../../lib/istio/types';
import { checkJsonBounds } from '../../../lib/istio/bounded-json';
import { parseYamlValue } from '../../../lib/istio/bounded-yaml';
import { YAML_LIMITS, type YamlLimits } from '../../../lib/limits/yaml';
import type { Core } from '../../core';
import { HttpError } from '../../http/errors';
import type { ApiRequest } from '../../http/router';

/** The YAML/JSON bounds the server runs with (`--limits yaml.*`). */
export function yamlLimitsOf(core: Core): YamlLimits {
  return core.config.limits?.yaml ?? YAML_LIMITS;
}

/**
 * Reads a JSON or YAML (Content-Type: application/yaml) request body into a value; 400 with a message when
 * malformed or past a bound (depth, keys, nodes, aliases: checked before the value is built), 413 when too big.
 */
export async function readObjectBody(req: ApiRequest, limits: YamlLimits = YAML_LIMITS): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
  const buf = await req.body(limits.maxObjectBytes);
  if (buf.length === 0) throw new HttpError('bad_request', 'request body is empty');
  const text = buf.toString('utf8');
  if (/(^|\/|\+|-)yaml$/.test(type)) {
    const r = parseYamlValue(text, { ...limits, maxBytes: limits.maxObjectBytes });
    if ('error' in r) throw new HttpError('bad_request', `malformed YAML: ${r.error}`);
    return r.value;
  }
  if (type !== 'application/json' && type !== 'application/merge-patch+json' && type !== 'text/plain' && type !== '') {
    throw new HttpError('unsupported_media_type', `unsupported Content-Type ${JSON.stringify(type)}; send application/json or application/yaml`);
  }
  return parseJsonBounded(text, limits);
}

function parseJsonBounded(text: string, limits: YamlLimits): unknown {
  const refused = checkJsonBounds(text, limits);
  if (refused) throw new HttpError('bad_request', `JSON refused: ${refused.message} (limit yaml.${refused.limit})`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new HttpError('bad_request', `malformed JSON: ${(err as Error).message}`);
  }
}

/** A JSON body of at most `maxBytes`, its depth and size checked before it is parsed (400 past a bound). */
export async function readJsonBounded(req: ApiRequest, maxBytes: number, limits: YamlLimits = YAML_LIMITS): Promise<unknown> {
  const buf = await req.body(maxBytes);
  if (buf.length === 0) throw new HttpError('bad_request', 'request body is empty; expected JSON');
  return parseJsonBounded(buf.toString('utf8'), limits);
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
  if (typeof name !== 'string' || !isDns1123Subdomain(name)) throw new HttpError('bad_request', `metadata.name must be a DNS-1123 name (got ${JSON.stringify(name)})`);
  if (p.name !== undefined && name !== p.name) throw new HttpError('bad_request', `metadata.name ${JSON.stringify(name)} does not match ${p.name} in the path`);
  const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : p.group ? `${p.group}/${p.version}` : p.version;
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  if (group !== p.group && !(p.group === 'core' && group === '')) throw new HttpError('bad_request', `apiVersion ${apiVersion} is not in group ${p.group}`);
  return { ...o, apiVersion, kind: p.kind, metadata: { ...meta, name, namespace: p.ns } } as K8sObject;
}
