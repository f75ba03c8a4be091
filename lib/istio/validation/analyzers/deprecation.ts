import type { Analyzer } from '../analyzer';
import { arr, dig, num, rec, str } from '../read';
import { GK } from '../snapshot';

const REMOVED_CRDS = new Set(['rbac.istio.io/ClusterRbacConfig', 'rbac.istio.io/RbacConfig', 'rbac.istio.io/ServiceRole', 'rbac.istio.io/ServiceRoleBinding']);

/**
 * Deprecated or ignored fields (IST0002): `fault.delay.percent` (use `percentage`), Sidecar
 * `outboundTrafficPolicy.egressProxy`, and CRDs of removed Istio APIs.
 */
export const deprecationAnalyzer: Analyzer = {
  name: 'deprecation.DeprecationAnalyzer',
  description: 'Deprecated Istio types and fields',
  run(ctx) {
    for (const vs of ctx.snapshot.of(GK.VirtualService)) {
      arr(dig(vs.object.spec, 'http')).forEach((route, i) => {
        if ((num(dig(route, 'fault', 'delay', 'percent')) ?? 0) > 0) {
          ctx.report('Deprecated', vs, ['spec', 'http', i, 'fault', 'delay', 'percent'], ['HTTPRoute.fault.delay.percent is deprecated; use HTTPRoute.fault.delay.percentage']);
        }
      });
    }
    for (const sc of ctx.snapshot.of(GK.Sidecar)) {
      if (rec(dig(sc.object.spec, 'outboundTrafficPolicy', 'egressProxy'))) {
        ctx.report('Deprecated', sc, ['spec', 'outboundTrafficPolicy', 'egressProxy'], ['OutboundTrafficPolicy.EgressProxy ignored']);
      }
    }
    for (const crd of ctx.snapshot.of(GK.CustomResourceDefinition)) {
      const group = str(dig(crd.object.spec, 'group')) ?? '';
      const kind = str(dig(crd.object.spec, 'names', 'kind')) ?? '';
      if (REMOVED_CRDS.has(`${group}/${kind}`)) ctx.report('Deprecated', crd, ['spec', 'names', 'kind'], [`Custom resource type ${group} ${kind} is removed`]);
    }
  },
};
