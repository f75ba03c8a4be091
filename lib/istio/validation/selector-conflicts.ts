import { labelsMatch } from '../types';
import type { AnalysisContext } from './context';
import { selectorString } from './hosts';
import type { IstioMessageName } from './istio-messages';
import type { PathSegment, SourcedObject } from './model';
import { dig, labelsOf, strMap } from './read';
import { nsOf } from './snapshot';

/** How a kind of workload-scoped policy names its selector and reports conflicts. */
export interface SelectorPolicyKind {
  gk: string;
  selectorPath: PathSegment[];
  /** Reported on each policy when two select the same pod. */
  conflict: IstioMessageName;
}

/** Policies of a kind whose selector (labels) is set and non-empty, with the pods each selects in its namespace. */
function selectedPods(ctx: AnalysisContext, kind: SelectorPolicyKind) {
  const pods = ctx.snapshot.workloads();
  const out: { policy: SourcedObject; selector: Record<string, string>; pods: SourcedObject[] }[] = [];
  for (const p of ctx.snapshot.of(kind.gk)) {
    const selector = strMap(dig(p.object, ...kind.selectorPath));
    if (!selector || Object.keys(selector).length === 0) continue;
    out.push({ policy: p, selector, pods: pods.filter((pod) => nsOf(pod) === nsOf(p) && labelsMatch(selector, labelsOf(pod.object))) });
  }
  return out;
}

/**
 * A selector must match a pod in the policy's namespace (IST0101 selector), and no pod may be selected by two
 * policies of the same kind (`kind.conflict`), since which one applies is undefined. Returns the selections.
 */
export function checkSelectors(ctx: AnalysisContext, kind: SelectorPolicyKind) {
  const selections = selectedPods(ctx, kind);
  const byPod = new Map<SourcedObject, SourcedObject[]>();
  for (const s of selections) {
    if (s.pods.length === 0) ctx.report('ReferencedResourceNotFound', s.policy, kind.selectorPath, ['selector', selectorString(s.selector)], ['KIA0004']);
    for (const pod of s.pods) byPod.set(pod, [...(byPod.get(pod) ?? []), s.policy]);
  }
  for (const [pod, policies] of byPod) {
    if (policies.length < 2) continue;
    const names = policies.map((p) => p.object.metadata.name);
    for (const p of policies) ctx.report(kind.conflict, p, ['metadata', 'name'], [names, nsOf(pod), pod.object.metadata.name], ['KIA0003']);
  }
  return selections;
}

/** More than one policy of a kind without a selector in one namespace: which is the default is undefined. */
export function checkSelectorless(ctx: AnalysisContext, gk: string, hasSelector: (o: SourcedObject) => boolean, message: IstioMessageName, aliases?: string[]): void {
  const byNs = new Map<string, SourcedObject[]>();
  for (const o of ctx.snapshot.of(gk)) {
    if (hasSelector(o)) continue;
    byNs.set(nsOf(o), [...(byNs.get(nsOf(o)) ?? []), o]);
  }
  for (const [ns, list] of byNs) {
    if (list.length < 2) continue;
    const names = list.map((o) => o.object.metadata.name);
    for (const o of list) ctx.report(message, o, ['metadata', 'name'], [names, ns], aliases);
  }
}
