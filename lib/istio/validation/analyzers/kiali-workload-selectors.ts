import { labelsMatch } from '../../types';
import type { Analyzer } from '../analyzer';
import type { SourcedObject } from '../model';
import { dig, labelsOf, rec, strMap } from '../read';
import { GK, nsOf } from '../snapshot';

const KINDS = [GK.PeerAuthentication, GK.RequestAuthentication];

/**
 * PeerAuthentication and RequestAuthentication scoping (Kiali): a selector must match a workload in the
 * namespace (KIA0004), two policies of a kind must not select the same workload (KIA0003), and only one may be
 * selector-less per namespace (KIA0002). Workloads come from Pods and workload controllers' pod templates.
 */
export const kialiWorkloadSelectorAnalyzer: Analyzer = {
  name: 'kiali.common.WorkloadSelectorChecker',
  description: 'Authentication policies select workloads without overlap',
  run(ctx) {
    const workloads = ctx.snapshot.workloads();
    for (const gk of KINDS) {
      const selectorless = new Map<string, SourcedObject[]>();
      const byWorkload = new Map<SourcedObject, SourcedObject[]>();
      for (const p of ctx.snapshot.of(gk)) {
        const sel = rec(dig(p.object.spec, 'selector')) ? (strMap(dig(p.object.spec, 'selector', 'matchLabels')) ?? {}) : undefined;
        if (!sel || Object.keys(sel).length === 0) {
          // Policies attached by targetRef are not selector-less defaults.
          if (dig(p.object.spec, 'targetRef') !== undefined || dig(p.object.spec, 'targetRefs') !== undefined) continue;
          selectorless.set(nsOf(p), [...(selectorless.get(nsOf(p)) ?? []), p]);
          continue;
        }
        const matched = workloads.filter((w) => nsOf(w) === nsOf(p) && labelsMatch(sel, labelsOf(w.object)));
        // Only meaningful when the input carries workloads for that namespace.
        if (matched.length === 0 && workloads.some((w) => nsOf(w) === nsOf(p))) ctx.reportKiali('generic.selector.workloadnotfound', p, ['spec', 'selector', 'matchLabels']);
        for (const w of matched) byWorkload.set(w, [...(byWorkload.get(w) ?? []), p]);
      }
      for (const list of selectorless.values()) if (list.length > 1) for (const p of list) ctx.reportKiali('generic.multimatch.selectorless', p, ['spec']);
      const reported = new Set<SourcedObject>();
      for (const list of byWorkload.values()) {
        if (list.length < 2) continue;
        for (const p of list) {
          if (reported.has(p)) continue;
          reported.add(p);
          ctx.reportKiali('generic.multimatch.selector', p, ['spec', 'selector']);
        }
      }
    }
  },
};
