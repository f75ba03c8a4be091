import type { Analyzer } from '../analyzer';
import { arr, dig } from '../read';
import { GK } from '../snapshot';

/**
 * exportTo entries must name existing namespaces (Kiali KIA0005). Namespace existence is only known when the
 * input carries Namespace objects (a cluster, or manifests that include them), so the check needs at least one.
 */
export const kialiExportToAnalyzer: Analyzer = {
  name: 'kiali.common.ExportToNamespaceChecker',
  description: 'exportTo names existing namespaces',
  run(ctx) {
    const known = new Set(ctx.snapshot.of(GK.Namespace).map((n) => n.object.metadata.name));
    if (known.size === 0) return;
    for (const gk of [GK.VirtualService, GK.DestinationRule, GK.ServiceEntry]) {
      for (const o of ctx.snapshot.of(gk)) {
        arr(dig(o.object.spec, 'exportTo')).forEach((ns, i) => {
          if (typeof ns !== 'string' || ns === '.' || ns === '*' || ns === '~' || known.has(ns)) return;
          ctx.reportKiali('generic.exportto.namespacenotfound', o, ['spec', 'exportTo', i]);
        });
      }
    }
  },
};
