import type { Analyzer } from '../analyzer';
import { labelSelectorMatches } from '../label-selector';
import type { SourcedObject } from '../model';
import { arr, dig, labelsOf, str, strMap } from '../read';
import { GK } from '../snapshot';

const REV = 'istio.io/rev';

/**
 * Istio injection webhooks: no namespace/pod label combination may be matched by two webhooks, or pods get
 * injected twice; and each webhook's Service must exist (IST0139).
 */
export const webhookAnalyzer: Analyzer = {
  name: 'webhook.Analyzer',
  description: 'Injection webhooks overlap or point at a missing Service',
  run(ctx) {
    const hooks: { id: string; config: SourcedObject; index: number; hook: unknown }[] = [];
    const revisions = new Set<string>();
    for (const m of ctx.snapshot.of(GK.MutatingWebhookConfiguration)) {
      const list = arr(dig(m.object, 'webhooks'));
      const revs = revisionsOf(m, list);
      if (revs.length === 0 && !list.some((w) => (str(dig(w, 'name')) ?? '').endsWith('istio.io'))) continue;
      revs.forEach((r) => revisions.add(r));
      list.forEach((hook, index) => hooks.push({ id: `${m.object.metadata.name}/${str(dig(hook, 'name')) ?? ''}`, config: m, index, hook }));
    }
    const withRevs = (base: Record<string, string>[]) => [...base, ...[...revisions].flatMap((rev) => base.map((b) => ({ ...b, [REV]: rev })))];
    const nsLabels = withRevs([{}, { 'istio-injection': 'enabled' }, { 'istio-injection': 'disabled' }]);
    const objLabels = withRevs([{}, { 'sidecar.istio.io/inject': 'true' }, { 'sidecar.istio.io/inject': 'false' }]);
    for (const nl of nsLabels) {
      for (const ol of objLabels) {
        const matches = hooks.filter((h) => labelSelectorMatches(dig(h.hook, 'namespaceSelector'), nl) && labelSelectorMatches(dig(h.hook, 'objectSelector'), ol));
        if (matches.length < 2) continue;
        for (const h of matches) {
          const others = matches.filter((o) => o !== h).map((o) => o.id).sort();
          ctx.report('InvalidWebhook', h.config, ['webhooks', h.index], [`Webhook overlaps with others: [${others.join(' ')}]. This may cause injection to occur twice.`]);
        }
      }
    }
    for (const h of hooks) {
      const svc = dig(h.hook, 'clientConfig', 'service');
      if (svc === undefined || svc === null) continue;
      const ns = str(dig(svc, 'namespace')) ?? '';
      const name = str(dig(svc, 'name')) ?? '';
      if (!ctx.snapshot.get(GK.Service, ns, name)) {
        ctx.report('InvalidWebhook', h.config, ['webhooks', h.index, 'clientConfig', 'service'], [`Injector refers to a control plane service that does not exist: ${ns}/${name}.`]);
      }
    }
  },
};

function revisionsOf(m: SourcedObject, hooks: unknown[]): string[] {
  const out = new Set<string>();
  const own = labelsOf(m.object)[REV];
  if (own !== undefined) out.add(own);
  for (const h of hooks) {
    for (const sel of ['namespaceSelector', 'objectSelector']) {
      const v = strMap(dig(h, sel, 'matchLabels'))?.[REV];
      if (v !== undefined) out.add(v);
      for (const e of arr(dig(h, sel, 'matchExpressions'))) {
        if (str(dig(e, 'key')) === REV) for (const x of arr(dig(e, 'values'))) if (typeof x === 'string') out.add(x);
      }
    }
  }
  return [...out];
}
