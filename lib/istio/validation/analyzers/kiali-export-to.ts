import type { Analyzer } from '../analyzer';
import { arr, dig } from '../read';
import { GK } from '../snapshot';

/**
 * exportTo entries must name existing namespaces (Kiali KIA0005). Namespace existence is only known from
 * Namespace objects in the input or namespaces passed in (a cluster's), so the check needs one of those.
 */
export const kialiExportToAnalyzer: Analyzer = {
  name: 'kiali.common.ExportToNamespaceChecker',
  description: 'exportTo names existing namespaces',
  run(ctx) {
    const declared = new Set([...ctx.snapshot.namespaceObjects(), ...ctx.externalNamespaces]);
    if (declared.size === 0) return;
    // Objects cannot live in a namespace that does not exist, so the inputs' own namespaces count too.
    const known = new Set([...declared, ...ctx.snapshot.namespaces()]);
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
