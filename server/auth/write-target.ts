import { groupOf } from '../../lib/istio/types';
import { MIRRORED_KINDS, kindInfo } from '../sources/config/kubernetes/kinds';
import type { ConfigHistory } from '../stores/history/journal';
import type { AccessAttributes } from './types';

const OBJECT = '/api/namespaces/:ns/istio/:group/:version/:kind';
const VERB_OF: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/** `VirtualService` → `virtualservices` (kinds Meshlens mirrors first, then the English rule the API server uses). */
export function pluralOf(kind: string): string {
  const known = kindInfo(kind)?.plural;
  if (known) return known;
  const k = kind.toLowerCase();
  // CONTRACT §3 lets a path name the kind by its lowercase plural (`virtualservices`): that is already the resource.
  if (MIRRORED_KINDS.some((m) => m.plural === k)) return k;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(k)) return `${k}es`;
  return `${k}s`;
}

/**
 * The Kubernetes permissions a config-changing route needs, so writes are authorized in one place (the HTTP hook)
 * instead of in every feature. Undefined for routes that change no mesh config.
 */
export function writeTargets(method: string, route: string, params: Record<string, string>, url: URL, history?: ConfigHistory): AccessAttributes[] | undefined {
  const verb = VERB_OF[method];
  if (!verb) return undefined;
  const ns = params.ns ?? '';
  if (route === OBJECT || route === `${OBJECT}/:name`) {
    return [{ verb, group: params.group ?? '', resource: pluralOf(params.kind ?? ''), namespace: ns, ...(params.name ? { name: params.name } : {}) }];
  }
  if (route === '/api/namespaces/:ns/services/:service/traffic-shift') {
    // The shift writes the service's VirtualService and DestinationRule (creating them when missing).
    return ['virtualservices', 'destinationrules'].map((resource) => ({ verb: 'update', group: 'networking.istio.io', resource, namespace: ns }));
  }
  if (route === '/api/istio/history/:id/rollback') {
    const e = history?.get(Number(params.id));
    // An unknown entry is the route's own 404.
    if (!e) return [];
    const target = url.searchParams.get('mode') === 'restore' ? e.after : e.before;
    const apiVersion = (e.after ?? e.before)?.apiVersion ?? '';
    return [{ verb: target ? 'update' : 'delete', group: groupOf(apiVersion), resource: pluralOf(e.kind), ...(e.namespace ? { namespace: e.namespace } : {}), name: e.name }];
  }
  return undefined;
}
