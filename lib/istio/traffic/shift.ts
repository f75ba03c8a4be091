import { fqdn } from '../routing/hosts';
import { labelsMatch, type DestinationRule, type Deployment, type HTTPRoute, type K8sObject, type Service, type Subset, type VirtualService } from '../types';

/** What the traffic editor needs to know about one service. */
export interface ServiceTraffic {
  service: string;
  namespace: string;
  /** Versions of the workloads behind the service (from their `version` label), sorted. */
  versions: string[];
  /** Current weights of the default route by subset name; the whole service when there is no VirtualService. */
  weights: Record<string, number>;
  virtualService?: string;
  destinationRule?: string;
  /** Subset name → version it selects (when its labels select by version). */
  subsets: Record<string, string | undefined>;
}

/** A refusal the API answers with 422. */
export class TrafficShiftError extends Error {}

const API = 'networking.istio.io/v1';

/** The route a weight split edits: the last HTTP route without matches (the catch-all), if any. */
export function defaultRouteIndex(vs: VirtualService | undefined): number {
  const http = vs?.spec?.http ?? [];
  for (let i = http.length - 1; i >= 0; i--) if (!http[i]?.match || http[i]?.match?.length === 0) return i;
  return -1;
}

/** Versions of the Deployments a Service selects. */
export function versionsOf(service: Service, deployments: readonly Deployment[]): string[] {
  const sel = service.spec?.selector;
  if (!sel || Object.keys(sel).length === 0) return [];
  const out = new Set<string>();
  for (const d of deployments) {
    if (d.metadata.namespace !== service.metadata.namespace) continue;
    const labels = d.spec?.template?.metadata?.labels;
    if (labels && labelsMatch(sel, labels) && labels.version) out.add(labels.version);
  }
  return [...out].sort();
}

/** Reads the current split of a service from its VirtualService and DestinationRule. */
export function describeTraffic(service: Service, deployments: readonly Deployment[], vs: VirtualService | undefined, dr: DestinationRule | undefined): ServiceTraffic {
  const ns = service.metadata.namespace ?? 'default';
  const host = fqdn(service.metadata.name, ns);
  const subsets: Record<string, string | undefined> = {};
  for (const s of dr?.spec?.subsets ?? []) if (s.name) subsets[s.name] = s.labels?.version;
  const weights: Record<string, number> = {};
  const i = defaultRouteIndex(vs);
  const route = i >= 0 ? (vs?.spec?.http?.[i]?.route ?? []) : [];
  for (const d of route) {
    if (!d.destination?.host || fqdn(d.destination.host, vs?.metadata.namespace ?? ns) !== host) continue;
    const key = d.destination.subset ?? '*';
    weights[key] = (weights[key] ?? 0) + (route.length === 1 && d.weight === undefined ? 100 : (d.weight ?? 0));
  }
  const out: ServiceTraffic = { service: service.metadata.name, namespace: ns, versions: versionsOf(service, deployments), weights, subsets };
  if (vs) out.virtualService = vs.metadata.name;
  if (dr) out.destinationRule = dr.metadata.name;
  return out;
}

/**
 * Resolves requested weights (by subset or version name) to subsets, refusing what cannot be applied:
 * weights that are not integers 0–100, that do not sum to 100, or that name neither a version nor a subset.
 */
export function resolveWeights(t: ServiceTraffic, requested: Record<string, unknown>): { subset: string; version?: string; weight: number }[] {
  const entries = Object.entries(requested);
  if (entries.length === 0) throw new TrafficShiftError('weights is empty: give at least one version with its weight');
  const out: { subset: string; version?: string; weight: number }[] = [];
  let sum = 0;
  for (const [name, w] of entries) {
    if (typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > 100) throw new TrafficShiftError(`weight for ${JSON.stringify(name)} must be an integer from 0 to 100 (got ${JSON.stringify(w)})`);
    sum += w;
    const bySubset = Object.prototype.hasOwnProperty.call(t.subsets, name);
    const subsetForVersion = Object.entries(t.subsets).find(([, v]) => v === name)?.[0];
    if (bySubset) out.push({ subset: name, ...(t.subsets[name] ? { version: t.subsets[name] } : {}), weight: w });
    else if (subsetForVersion) out.push({ subset: subsetForVersion, version: name, weight: w });
    else if (t.versions.includes(name)) out.push({ subset: name, version: name, weight: w });
    else throw new TrafficShiftError(`unknown version ${JSON.stringify(name)} for service ${t.service}; known: ${[...new Set([...t.versions, ...Object.keys(t.subsets)])].join(', ') || 'none'}`);
  }
  if (sum !== 100) throw new TrafficShiftError(`weights must sum to 100 (got ${sum})`);
  return out;
}

/** The DestinationRule with a subset for every version the split uses (created when missing; other fields kept). */
export function withSubsets(service: Service, dr: DestinationRule | undefined, split: { subset: string; version?: string }[]): DestinationRule {
  const ns = service.metadata.namespace ?? 'default';
  const base: DestinationRule = dr ? structuredClone(dr) : { apiVersion: API, kind: 'DestinationRule', metadata: { name: service.metadata.name, namespace: ns }, spec: { host: service.metadata.name } };
  base.spec = base.spec ?? { host: service.metadata.name };
  const subsets: Subset[] = base.spec.subsets ?? [];
  for (const s of split) {
    if (!subsets.some((x) => x.name === s.subset)) subsets.push({ name: s.subset, labels: { version: s.version ?? s.subset } });
  }
  base.spec.subsets = subsets;
  return base;
}

/** The VirtualService with the catch-all route set to the split (created when missing; matches, timeouts, retries kept). */
export function withWeights(service: Service, vs: VirtualService | undefined, split: { subset: string; weight: number }[]): VirtualService {
  const ns = service.metadata.namespace ?? 'default';
  const base: VirtualService = vs ? structuredClone(vs) : { apiVersion: API, kind: 'VirtualService', metadata: { name: service.metadata.name, namespace: ns }, spec: { hosts: [service.metadata.name] } };
  base.spec = base.spec ?? { hosts: [service.metadata.name] };
  const http: HTTPRoute[] = base.spec.http ?? [];
  let i = defaultRouteIndex(base);
  if (i === -1) {
    http.push({});
    i = http.length - 1;
  }
  const port = (http[i]?.route ?? []).find((d) => d.destination?.port)?.destination?.port;
  (http[i] as HTTPRoute).route = split.map((s) => ({ destination: { host: service.metadata.name, subset: s.subset, ...(port ? { port } : {}) }, weight: s.weight }));
  base.spec.http = http;
  return base;
}

/** Sorted "v1=80 v2=20" for history summaries. */
export function describeSplit(split: { subset: string; weight: number }[]): string {
  return split.map((s) => `${s.subset}=${s.weight}`).join(' ');
}

export type { K8sObject };
