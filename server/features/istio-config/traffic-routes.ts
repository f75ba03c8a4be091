import { describeSplit, describeTraffic, resolveWeights, TrafficShiftError, withSubsets, withWeights } from '../../../lib/istio/traffic/shift';
import { resourceName, type DestinationRule, type Deployment, type K8sObject, type Service, type VirtualService } from '../../../lib/istio/types';
import { HttpError } from '../../http/errors';
import type { ApiRequest, Route } from '../../http/router';
import type { StoredObject } from '../../sources/config/store';
import { readJsonBounded, yamlLimitsOf } from './body';
import { checkName, checkNamespace } from './object-path';
import { flag, unprocessable, writeChange, type Change, type WriteDeps } from './routes';

const PATH = '/api/namespaces/:ns/services/:service/traffic-shift';

/** The service's objects: its Service, the Deployments of the namespace, and the VS/DR for its host. */
function lookup(d: WriteDeps, ns: string, name: string) {
  const store = d.core.configStore;
  const service = store.get('Service', ns, name);
  if (!service) throw new HttpError('not_found', `service ${ns}/${name} not found`);
  const deployments = store.list({ kinds: ['Deployment'], namespaces: [ns] }).map((o) => o.object as Deployment);
  // The VS/DR Meshlens edits are the ones named after the service (as Kiali's wizards create them), else any for its host.
  const forHost = (kind: string, hostOf: (o: K8sObject) => string[]) =>
    store.get(kind, ns, name) ?? store.list({ kinds: [kind], namespaces: [ns] }).find((o) => hostOf(o.object).some((h) => h === name || h.startsWith(`${name}.${ns}.`) || h === `${name}.${ns}`));
  const vs = forHost('VirtualService', (o) => ((o as VirtualService).spec?.gateways?.length ? [] : ((o as VirtualService).spec?.hosts ?? [])));
  const dr = forHost('DestinationRule', (o) => [(o as DestinationRule).spec?.host ?? '']);
  return { service: service.object as Service, deployments, vs, dr };
}

function describe(d: WriteDeps, ns: string, name: string) {
  const { service, deployments, vs, dr } = lookup(d, ns, name);
  return { traffic: describeTraffic(service, deployments, vs?.object as VirtualService | undefined, dr?.object as DestinationRule | undefined), service, vs, dr };
}

/** `GET`/`PUT /api/namespaces/{ns}/services/{service}/traffic-shift` (CONTRACT §3). */
export function trafficRoutes(d: WriteDeps): Route[] {
  return [
    {
      method: 'GET',
      path: PATH,
      handler: (req) => ({ body: describe(d, checkNamespace(req.params.ns ?? ''), checkName(req.params.service ?? '', 'service')).traffic }),
    },
    {
      method: 'PUT',
      path: PATH,
      handler: async (req) => shift(d, req),
    },
  ];
}

async function shift(d: WriteDeps, req: ApiRequest) {
  const ns = checkNamespace(req.params.ns ?? '');
  const name = checkName(req.params.service ?? '', 'service');
  const body = (await readJsonBounded(req, 64 * 1024, yamlLimitsOf(d.core))) as { weights?: unknown } | null;
  if (typeof body !== 'object' || body === null || typeof body.weights !== 'object' || body.weights === null || Array.isArray(body.weights)) {
    throw new HttpError('bad_request', 'body must be {"weights": {"<version>": <integer>, ...}}');
  }
  const { traffic, service, vs, dr } = describe(d, ns, name);
  let split;
  try {
    split = resolveWeights(traffic, body.weights as Record<string, unknown>);
  } catch (err) {
    if (err instanceof TrafficShiftError) throw new HttpError('unprocessable', err.message);
    throw err;
  }
  const nextDr = withSubsets(service, dr?.object as DestinationRule | undefined, split);
  const nextVs = withWeights(service, vs?.object as VirtualService | undefined, split);
  const summary = `${name} weights ${describeSplit(split)}`;
  // The DestinationRule goes first so the VirtualService never names a subset that does not exist yet.
  const changes: Change[] = [
    change(nextDr, dr, summary),
    change(nextVs, vs, summary),
  ].filter((c) => !c.before || JSON.stringify(c.before.object) !== JSON.stringify(c.next));
  const { added, after } = d.validation.errorsAdded(changes.map((c) => ({ key: c.key, next: c.next })));
  if (added.length > 0 && !flag(req, 'force')) return unprocessable(added);
  const validationsOf = (o: K8sObject) => after.filter((m) => m.resource === resourceName(o));
  if (flag(req, 'dryRun')) {
    return { body: { dryRun: true, weights: Object.fromEntries(split.map((s) => [s.subset, s.weight])), virtualService: { object: nextVs, validations: validationsOf(nextVs) }, destinationRule: { object: nextDr, validations: validationsOf(nextDr) } } };
  }
  const historyIds: number[] = [];
  for (const c of changes) historyIds.push((await writeChange(d, req, c)).entry.id);
  const now = describe(d, ns, name);
  const pack = (s: StoredObject | undefined) => (s ? { object: s.object, resourceVersion: s.resourceVersion, validations: d.validation.of(s.object) } : null);
  return { body: { weights: now.traffic.weights, virtualService: pack(now.vs), destinationRule: pack(now.dr), historyIds } };
}

function change(next: K8sObject, before: StoredObject | undefined, summary: string): Change {
  return {
    action: 'traffic-shift',
    key: { kind: next.kind, name: next.metadata.name, ...(next.metadata.namespace ? { namespace: next.metadata.namespace } : {}) },
    next,
    summary,
    ...(before ? { before, expectedVersion: before.resourceVersion } : {}),
  };
}
