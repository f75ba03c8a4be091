import { isApiVersionName, isDns1123Label, isDns1123Subdomain } from '../../../lib/istio/names';
import { istioKinds } from '../../../lib/istio/schema';
import { pluralOf } from '../../auth/write-target';
import { HttpError } from '../../http/errors';
import { MIRRORED_KINDS } from '../../sources/config/kubernetes/kinds';

/** The object a config route names, checked: nothing unchecked from the path reaches a store or a file name. */
export interface ObjectPath {
  ns: string;
  group: string;
  version: string;
  /** The kind as objects spell it (`VirtualService`), also when the path used the plural (`virtualservices`). */
  kind: string;
  name?: string;
}

interface KnownKind {
  group: string;
  kind: string;
  plural: string;
}

/** Istio's CRD kinds and the namespaced Kubernetes kinds the store mirrors; the path may name either. */
const KNOWN: readonly KnownKind[] = [
  ...istioKinds().map((gk) => {
    const [group = '', kind = ''] = gk.split('/');
    return { group, kind, plural: pluralOf(kind) };
  }),
  ...MIRRORED_KINDS.filter((k) => k.namespaced && !k.group.endsWith('istio.io')).map((k) => ({ group: k.group || 'core', kind: k.kind, plural: k.plural })),
];

const show = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);

/** A namespace from a path: an RFC 1123 label, else 400. */
export function checkNamespace(ns: string): string {
  if (!isDns1123Label(ns)) throw new HttpError('bad_request', `namespace ${show(ns)} is not a valid namespace name (an RFC 1123 label: lowercase letters, digits and '-', at most 63)`);
  return ns;
}

/** An object name from a path or body: an RFC 1123 subdomain, else 400. */
export function checkName(name: string, what = 'name'): string {
  if (!isDns1123Subdomain(name)) throw new HttpError('bad_request', `${what} ${show(name)} is not a valid object name (an RFC 1123 subdomain: lowercase letters, digits, '-' and '.', at most 253)`);
  return name;
}

/** Checks the route's `:ns/:group/:version/:kind[/:name]`; refuses unknown kinds and malformed names with 400. */
export function objectPathOf(params: Record<string, string>): ObjectPath {
  const { ns = '', group = '', version = '', kind = '', name } = params;
  checkNamespace(ns);
  const known = KNOWN.find((k) => k.kind === kind || k.plural === kind);
  if (!known) throw new HttpError('bad_request', `unknown kind ${show(kind)}; known kinds: ${[...new Set(KNOWN.map((k) => k.kind))].sort().join(', ')}`);
  const groupOk = group === known.group || (known.group === 'core' && group === '');
  if (!groupOk) throw new HttpError('bad_request', `${known.kind} is in group ${known.group}, not ${show(group)}`);
  if (!isApiVersionName(version)) throw new HttpError('bad_request', `version ${show(version)} is not an API version (v1, v1beta1, ...)`);
  if (name !== undefined) checkName(name);
  return { ns, group, version, kind: known.kind, ...(name !== undefined ? { name } : {}) };
}
