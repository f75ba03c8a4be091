import type { Feature } from '../core';
import { HttpError } from '../http/errors';
import type { ApiRequest, Route } from '../http/router';
import type { ValidateResponse } from '../../lib/api/validation';
import { resourceName } from '../../lib/istio/types';
import { validate } from '../../lib/istio/validation/validate';
import { parseYamlObjects } from '../../lib/istio/validation/yaml-source';
import type { SourcedObject } from '../../lib/istio/validation/model';
import type { MeshConfigReader } from '../sources/config/store';
import { isDns1123Label } from '../../lib/istio/names';
import { YAML_LIMITS, type YamlLimits } from '../../lib/limits/yaml';

/** Largest body accepted by default (413 above; `yaml.maxBytes`). */
export const VALIDATE_BODY_LIMIT = YAML_LIMITS.maxBytes;

/**
 * `POST /api/istio/validate`: body is multi-document YAML or JSON (an object, a list, or a `kind: List`);
 * answers `{"messages": [...]}`. `?istioNamespace=` sets the root namespace; `?context=store` validates the
 * posted objects against the live config store too (references to existing gateways, services...) and reports
 * only the posted objects' messages.
 */
export async function handleValidate(req: ApiRequest, store?: MeshConfigReader, now: number = Date.now(), limits: YamlLimits = YAML_LIMITS): Promise<{ status: number; body: ValidateResponse }> {
  const raw = await req.body(limits.maxBytes);
  const text = raw.toString('utf8');
  if (text.trim() === '') throw new HttpError('bad_request', 'request body is empty: send YAML documents or a JSON list of objects');
  const istioNamespace = req.url.searchParams.get('istioNamespace') ?? 'istio-system';
  if (!isDns1123Label(istioNamespace)) throw new HttpError('bad_request', `istioNamespace ${JSON.stringify(istioNamespace)} is not a valid namespace name`);
  const context = req.url.searchParams.get('context') ?? 'none';
  if (context !== 'none' && context !== 'store') throw new HttpError('bad_request', 'context must be "none" or "store"');
  // Bounded before anything is composed (bytes, documents, depth, keys, nodes, aliases): a 400 naming the limit.
  const parsed = parseYamlObjects(text, 'request', limits);
  if (parsed.problems.length > 0) {
    const first = parsed.problems[0];
    const where = first?.line ? ` (line ${first.line}, column ${first.column ?? 1})` : '';
    throw new HttpError('bad_request', `malformed body${where}: ${first?.message ?? 'unreadable'}`, { problems: parsed.problems });
  }
  let inputs: SourcedObject[] = parsed.objects;
  const posted = new Set(parsed.objects.map((o) => resourceName(o.object)));
  if (context === 'store' && store) {
    const key = (o: SourcedObject['object']) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    const postedKeys = new Set(parsed.objects.map((o) => key(o.object)));
    const existing = store.list().filter((s) => !postedKeys.has(key(s.object))).map((s) => ({ object: s.object }));
    inputs = [...parsed.objects, ...existing];
  }
  // The served mesh's namespaces make namespace references (exportTo, policy sources) checkable.
  const namespaces = store ? store.namespaces() : [];
  let messages = validate(inputs, { istioNamespace, addDefaultIngress: true, now, namespaces });
  if (context === 'store') messages = messages.filter((m) => posted.has(m.resource));
  // Positions refer to the request body, which has no file name worth echoing.
  return { status: 200, body: { messages: messages.map(({ file: _file, ...m }) => m) } };
}

export const validateFeature: Feature = {
  name: 'validate',
  start(core) {
    const routes: Route[] = [
      {
        method: 'POST',
        path: '/api/istio/validate',
        handler: (req) => handleValidate(req, core.configStore, core.now(), core.config.limits?.yaml ?? YAML_LIMITS),
        // Validation changes nothing, so CI jobs may call it without the browser CSRF header.
        csrf: false,
      },
    ];
    return Promise.resolve({ routes });
  },
};
