import { fqdn, hostMatchScore } from '../istio/routing/hosts';
import { labelsMatch, type K8sObject, type Service, type VirtualService } from '../istio/types';

/** An Istio object that applies to a workload, and why. */
export interface AppliedConfig {
  kind: string;
  namespace: string;
  name: string;
  reason: string;
}

const ISTIO = /\.istio\.io\//;
const SELECTOR_KINDS = new Set(['PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication', 'Sidecar', 'EnvoyFilter', 'Telemetry', 'WasmPlugin']);

/** The label selector an object scopes itself with (`selector.matchLabels`, `workloadSelector.labels`...), if any. */
function selectorOf(o: K8sObject): Record<string, string> | undefined {
  const spec = (o.spec ?? {}) as Record<string, unknown>;
  const sel = spec.selector as { matchLabels?: Record<string, string> } | Record<string, string> | undefined;
  if (o.kind === 'Gateway') return (sel as Record<string, string> | undefined) ?? undefined;
  if (sel && typeof sel === 'object' && 'matchLabels' in sel) return (sel as { matchLabels?: Record<string, string> }).matchLabels ?? {};
  const ws = spec.workloadSelector as { labels?: Record<string, string>; matchLabels?: Record<string, string> } | undefined;
  if (ws) return ws.labels ?? ws.matchLabels ?? {};
  return undefined;
}

/**
 * The Istio objects that reach a workload: VirtualServices and DestinationRules of the services that select it
 * (by host, or a VirtualService routing to one of them), Gateways whose selector picks it, and the selector-scoped
 * kinds (PeerAuthentication, AuthorizationPolicy, Sidecar, ...) in its namespace, namespace-wide ones there, and
 * mesh-wide ones in the root namespace.
 */
export function configForWorkload(objects: readonly K8sObject[], w: { namespace: string; labels: Record<string, string> }, rootNamespace = 'istio-system'): AppliedConfig[] {
  const services = objects.filter((o): o is Service => {
    const selector = (o as Service).spec?.selector;
    return o.kind === 'Service' && o.metadata.namespace === w.namespace && Object.keys(selector ?? {}).length > 0 && labelsMatch(selector, w.labels);
  });
  const hosts = services.map((s) => `${s.metadata.name}.${w.namespace}.svc.cluster.local`);
  const out: AppliedConfig[] = [];
  const add = (o: K8sObject, reason: string) => out.push({ kind: o.kind, namespace: o.metadata.namespace ?? '', name: o.metadata.name, reason });
  for (const o of objects) {
    if (!ISTIO.test(o.apiVersion)) continue;
    const ns = o.metadata.namespace ?? 'default';
    if (o.kind === 'VirtualService') {
      const vs = o as VirtualService;
      // A VirtualService bound only to gateways routes gateway traffic: its hosts (often `*`) say nothing about sidecars.
      const gateways = vs.spec?.gateways ?? [];
      const meshBound = gateways.length === 0 || gateways.includes('mesh');
      const own = meshBound ? (vs.spec?.hosts ?? []).map((h) => fqdn(h, ns)).find((h) => hosts.some((x) => h === x || (h.includes('*') && hostMatchScore(h, x) >= 0))) : undefined;
      if (own) {
        add(o, `host ${own}`);
        continue;
      }
      const dests = [...(vs.spec?.http ?? []).flatMap((r) => r.route ?? []), ...(vs.spec?.tcp ?? []).flatMap((r) => r.route ?? [])].map((d) => fqdn(d.destination?.host ?? '', ns));
      const to = dests.find((d) => hosts.includes(d));
      if (to) add(o, `routes to ${to}`);
    } else if (o.kind === 'DestinationRule') {
      const host = fqdn(((o.spec ?? {}) as { host?: string }).host ?? '', ns);
      const hit = hosts.find((h) => h === host || (host.includes('*') && hostMatchScore(host, h) >= 0));
      if (hit) add(o, `host ${hit}`);
    } else if (o.kind === 'Gateway') {
      const sel = selectorOf(o);
      if (sel && Object.keys(sel).length > 0 && labelsMatch(sel, w.labels)) add(o, `selector ${Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',')}`);
    } else if (SELECTOR_KINDS.has(o.kind)) {
      const sel = selectorOf(o);
      const hasSelector = sel !== undefined && Object.keys(sel).length > 0;
      if (ns === w.namespace && hasSelector && labelsMatch(sel, w.labels)) add(o, `selector ${Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',')}`);
      else if (ns === w.namespace && !hasSelector) add(o, 'namespace-wide');
      else if (ns === rootNamespace && !hasSelector && w.namespace !== rootNamespace) add(o, 'mesh-wide (root namespace)');
    }
  }
  return out.sort((a, b) => a.kind.localeCompare(b.kind) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}
