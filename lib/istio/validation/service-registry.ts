import { exportScopes } from './export-to';
import { toFqdn } from './hosts';
import type { SourcedObject } from './model';
import { annotationsOf, arr, dig, num, rec, str, strMap } from './read';
import { GK, nsOf, type MeshSnapshot } from './snapshot';

/** A routable service as istioctl's analyzers see it: a ServiceEntry, or a Kubernetes Service viewed as one. */
export interface RegistryService {
  hosts: string[];
  ports: { number?: number; name?: string; protocol?: string }[];
  workloadSelector?: Record<string, string>;
  object: SourcedObject;
}

/** Scope `*` means visible to every namespace; otherwise the one namespace that may see the host. */
export type HostMap = Map<string, RegistryService>;

const key = (scope: string, ns: string, host: string) => `${scope}/${toFqdn(host, ns)}`;

/** True when exportTo is empty or contains `*`. */
export function exportsToAll(exportTo: readonly unknown[]): boolean {
  return exportTo.length === 0 || exportTo.includes('*');
}

/**
 * Every host a client could route to, keyed by `scope/fqdn`: ServiceEntry hosts (scoped by exportTo) and
 * Kubernetes Services (scoped by the `networking.istio.io/exportTo` annotation).
 */
export function buildHostMap(snap: MeshSnapshot): HostMap {
  const out: HostMap = new Map();
  for (const se of snap.of(GK.ServiceEntry)) {
    const spec = rec(se.object.spec) ?? {};
    const ns = nsOf(se);
    const scopes = exportScopes(arr(spec.exportTo), ns);
    const svc: RegistryService = {
      hosts: arr(spec.hosts).filter((h): h is string => typeof h === 'string'),
      ports: arr(spec.ports).map((p) => ({ number: num(dig(p, 'number')), name: str(dig(p, 'name')), protocol: str(dig(p, 'protocol')) })),
      object: se,
    };
    const sel = strMap(dig(spec, 'workloadSelector', 'labels'));
    if (sel) svc.workloadSelector = sel;
    for (const scope of scopes) for (const h of svc.hosts) out.set(key(scope, ns, h), svc);
  }
  for (const s of snap.of(GK.Service)) {
    const ns = nsOf(s);
    const name = s.object.metadata.name;
    const spec = rec(s.object.spec) ?? {};
    const svc: RegistryService = {
      hosts: [toFqdn(name, ns)],
      ports: arr(spec.ports).map((p) => ({ number: num(dig(p, 'port')), name: str(dig(p, 'name')), protocol: str(dig(p, 'protocol')) })),
      object: s,
    };
    const anno = annotationsOf(s.object)['networking.istio.io/exportTo'];
    const scopes = anno ? anno.split(',').map((x) => (x.trim() === '.' ? ns : x.trim())) : ['*'];
    for (const scope of scopes) out.set(key(scope, ns, name), svc);
  }
  return out;
}

/**
 * The service a host resolves to from `sourceNs` (given the referring object's exportTo), or undefined:
 * exact names visible to all, then to the namespaces the referrer is exported to, then wildcard entries.
 */
export function findDestination(sourceNs: string, exportTo: readonly unknown[], host: string, map: HostMap): RegistryService | undefined {
  const all = map.get(key('*', sourceNs, host));
  if (all) return all;
  const scopes = exportTo.length === 0 ? [sourceNs] : exportTo.map((e) => (e === '.' ? sourceNs : String(e)));
  for (const scope of scopes) {
    const s = map.get(key(scope, sourceNs, host));
    if (s) return s;
  }
  const bare = host.startsWith('*') ? host.slice(1) : host;
  for (const [k, s] of map) {
    const slash = k.indexOf('/');
    const scope = k.slice(0, slash);
    const seHost = k.slice(slash + 1);
    if (!seHost.startsWith('*')) continue;
    if (scope !== '*' && scope !== sourceNs) continue;
    if (bare.endsWith(seHost.slice(1))) return s;
  }
  return undefined;
}
