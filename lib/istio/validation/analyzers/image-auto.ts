import type { Analyzer } from '../analyzer';
import { labelSelectorMatches } from '../label-selector';
import { arr, dig, labelsOf, str, strMap } from '../read';
import { GK, nsOf } from '../snapshot';

/**
 * `image: auto` on an istio-proxy container is a placeholder the injector fills in: a Pod still carrying it was
 * never injected (IST0147); a Deployment whose pods no Istio webhook selects never will be (IST0146).
 */
export const imageAutoAnalyzer: Analyzer = {
  name: 'injection.ImageAutoAnalyzer',
  description: 'Workloads with `image: auto` that injection will not fill in',
  run(ctx) {
    const webhooks = ctx.snapshot.of(GK.MutatingWebhookConfiguration).flatMap((m) => arr(dig(m.object, 'webhooks')).filter((w) => (str(dig(w, 'name')) ?? '').endsWith('istio.io')));
    const autoImage = (spec: unknown) => arr(dig(spec, 'containers')).some((c) => str(dig(c, 'name')) === 'istio-proxy' && str(dig(c, 'image')) === 'auto');
    for (const pod of ctx.snapshot.of(GK.Pod)) {
      if (autoImage(pod.object.spec)) ctx.report('ImageAutoWithoutInjectionError', pod, ['spec', 'containers'], ['Pod', pod.object.metadata.name]);
    }
    for (const d of ctx.snapshot.of(GK.Deployment)) {
      const tpl = dig(d.object.spec, 'template');
      if (!autoImage(dig(tpl, 'spec'))) continue;
      const ns = ctx.snapshot.get(GK.Namespace, '', nsOf(d) || 'default');
      const nsLabels = ns ? labelsOf(ns.object) : {};
      const podLabels = strMap(dig(tpl, 'metadata', 'labels')) ?? {};
      const injected = webhooks.some((w) => labelSelectorMatches(dig(w, 'namespaceSelector'), nsLabels) && labelSelectorMatches(dig(w, 'objectSelector'), podLabels));
      if (!injected) ctx.report('ImageAutoWithoutInjectionWarning', d, ['spec', 'template', 'spec', 'containers'], ['Deployment', d.object.metadata.name]);
    }
  },
};
