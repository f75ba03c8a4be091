import { labelsMatch } from '../../types';
import type { Analyzer } from '../analyzer';
import { isAmbientPod } from '../ambient';
import { selectorString } from '../hosts';
import { inMesh } from '../injection-state';
import { arr, dig, labelsOf, rec, str, strMap } from '../read';
import { GK, nsOf } from '../snapshot';

/**
 * AuthorizationPolicies must apply to some meshed workload (IST0127; mesh-wide policies in the root namespace
 * look across all namespaces) and their source namespaces must exist (IST0101, Kiali KIA0101).
 */
export const authorizationPoliciesAnalyzer: Analyzer = {
  name: 'auth.AuthorizationPoliciesAnalyzer',
  description: 'AuthorizationPolicies select workloads and name existing namespaces',
  run(ctx) {
    const rootNs = str(ctx.meshConfig.rootNamespace) ?? ctx.istioNamespace;
    const meshed = new Map<string, Record<string, string>[]>();
    for (const pod of ctx.snapshot.workloads()) {
      const list = meshed.get(nsOf(pod)) ?? [];
      if (inMesh(ctx, pod) || isAmbientPod(pod.object)) list.push(labelsOf(pod.object));
      meshed.set(nsOf(pod), list);
    }
    const namespaces = [...ctx.snapshot.namespaceObjects(), ...ctx.externalNamespaces];
    for (const ap of ctx.snapshot.of(GK.AuthorizationPolicy)) {
      const spec = rec(ap.object.spec) ?? {};
      const ns = nsOf(ap);
      const selector = rec(spec.selector) ? (strMap(dig(spec.selector, 'matchLabels')) ?? {}) : undefined;
      // Policies attached by targetRef(s) apply to Services or Gateways, not to pods by label.
      const targeted = spec.targetRef !== undefined || arr(spec.targetRefs).length > 0;
      if (!targeted) {
        if (ns === rootNs) {
          if (selector && ![...meshed.values()].some((l) => l.some((x) => labelsMatch(selector, x)))) {
            ctx.report('NoMatchingWorkloadsFound', ap, ['spec', 'selector'], [selectorString(selector)], ['KIA0004']);
          }
        } else if (!selector) {
          if ((meshed.get(ns) ?? []).length === 0) ctx.report('NoMatchingWorkloadsFound', ap, ['metadata', 'namespace'], ['']);
        } else if (!(meshed.get(ns) ?? []).some((x) => labelsMatch(selector, x))) {
          ctx.report('NoMatchingWorkloadsFound', ap, ['spec', 'selector'], [selectorString(selector)], ['KIA0004']);
        }
      }
      arr(spec.rules).forEach((rule, i) => {
        arr(dig(rule, 'from')).forEach((from, j) => {
          for (const field of ['namespaces', 'notNamespaces'] as const) {
            arr(dig(from, 'source', field)).forEach((n, k) => {
              if (typeof n !== 'string' || namespaces.some((x) => namespaceMatch(x, n))) return;
              ctx.report('ReferencedResourceNotFound', ap, ['spec', 'rules', i, 'from', j, 'source', field, k], ['namespace', n], ['KIA0101']);
            });
          }
        });
      });
    }
  },
};

/** Istio's namespace pattern match: `*`, `*suffix`, `prefix*` or exact (case-insensitive). */
function namespaceMatch(ns: string, exp: string): boolean {
  if (exp === '*') return true;
  if (exp.startsWith('*')) return ns.endsWith(exp.slice(1));
  if (exp.endsWith('*')) return ns.startsWith(exp.slice(0, -1));
  return ns.toLowerCase() === exp.toLowerCase();
}
