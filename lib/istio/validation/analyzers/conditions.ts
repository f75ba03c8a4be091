import type { Analyzer } from '../analyzer';
import { arr, dig, str } from '../read';
import { GK } from '../snapshot';

/** Condition types whose status "False" is bad news, by group/kind. */
const NEGATIVE: Record<string, string[]> = {
  [GK.Service]: ['istio.io/WaypointBound'],
  [GK.ServiceEntry]: ['istio.io/WaypointBound'],
  [GK.AuthorizationPolicy]: ['ZtunnelAccepted', 'WaypointAccepted'],
  [GK.K8sGateway]: ['Accepted', 'Programmed', 'ResolvedRefs'],
  'gateway.networking.k8s.io/HTTPRoute': ['Accepted', 'Programmed', 'ResolvedRefs'],
  'gateway.networking.k8s.io/GRPCRoute': ['Accepted', 'Programmed', 'ResolvedRefs'],
};

/** Objects whose status (as exported from a cluster) carries a negative condition (IST0171). */
export const conditionAnalyzer: Analyzer = {
  name: 'conditions.ConditionAnalyzer',
  description: 'Status conditions reporting a failure',
  run(ctx) {
    for (const [gk, types] of Object.entries(NEGATIVE)) {
      const isRoute = gk.endsWith('Route');
      for (const o of ctx.snapshot.of(gk)) {
        const conditions = isRoute ? arr(dig(o.object, 'status', 'parents')).flatMap((p) => arr(dig(p, 'conditions'))) : arr(dig(o.object, 'status', 'conditions'));
        for (const c of conditions) {
          const type = str(dig(c, 'type')) ?? '';
          const reason = str(dig(c, 'reason')) ?? '';
          const negative = types.includes(type) && str(dig(c, 'status')) === 'False';
          // A waypoint that accepted only part of a policy reports status True with reason PartiallyInvalid.
          const partial = gk === GK.AuthorizationPolicy && type === 'WaypointAccepted' && reason === 'PartiallyInvalid';
          if (negative || partial) ctx.report('NegativeConditionStatus', o, ['status'], [type, reason, str(dig(c, 'message')) ?? '']);
        }
      }
    }
  },
};
