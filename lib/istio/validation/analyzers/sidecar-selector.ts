import type { Analyzer } from '../analyzer';
import { isAmbientNamespace, isAmbientPod } from '../ambient';
import { dig, rec } from '../read';
import { checkSelectorless, checkSelectors } from '../selector-conflicts';
import { GK, nsOf } from '../snapshot';

/**
 * Sidecar resources: selectors must match pods (IST0101), must not overlap (IST0110), at most one default
 * (selector-less) Sidecar per namespace (IST0111, Kiali KIA0002), and Sidecars have no effect on ambient
 * workloads (IST0167).
 */
export const sidecarSelectorAnalyzer: Analyzer = {
  name: 'sidecar.SelectorAnalyzer',
  description: 'Sidecar selectors match pods without overlap; no effect in ambient',
  run(ctx) {
    const kind = { gk: GK.Sidecar, selectorPath: ['spec', 'workloadSelector', 'labels'], conflict: 'ConflictingSidecarWorkloadSelectors' as const };
    const selections = checkSelectors(ctx, kind);
    const hasSelector = (o: { object: { spec?: unknown } }) => rec(dig(o.object.spec, 'workloadSelector')) !== undefined;
    checkSelectorless(ctx, GK.Sidecar, hasSelector, 'MultipleSidecarsWithoutWorkloadSelectors', ['KIA0002']);
    for (const sc of ctx.snapshot.of(GK.Sidecar)) {
      if (hasSelector(sc)) continue;
      if (isAmbientNamespace(ctx.snapshot.get(GK.Namespace, '', nsOf(sc))?.object)) {
        ctx.report('IneffectivePolicy', sc, ['metadata', 'name'], ['namespace is in ambient mode, the policy has no effect']);
      }
    }
    for (const s of selections) {
      if (s.pods.length > 0 && s.pods.every((p) => isAmbientPod(p.object))) {
        ctx.report('IneffectivePolicy', s.policy, kind.selectorPath, ['selected workloads are in ambient mode, the policy has no effect']);
      }
    }
  },
};
