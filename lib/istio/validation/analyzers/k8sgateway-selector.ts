import type { Analyzer } from '../analyzer';
import { dig, labelsOf, strMap } from '../read';
import { GK, nsOf } from '../snapshot';

const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
const POLICIES = [GK.AuthorizationPolicy, GK.RequestAuthentication, GK.Telemetry, GK.WasmPlugin];

/**
 * Policies that select Gateway API gateway pods by label have no effect there; they must use targetRef(s)
 * (IST0166).
 */
export const k8sGatewaySelectorAnalyzer: Analyzer = {
  name: 'k8sgateway.SelectorAnalyzer',
  description: 'Policies select Kubernetes Gateway pods by label instead of targetRef',
  run(ctx) {
    const gatewayPods = ctx.snapshot.of(GK.Pod).filter((p) => GATEWAY_NAME_LABEL in labelsOf(p.object));
    for (const gk of POLICIES) {
      for (const pol of ctx.snapshot.of(gk)) {
        const spec = pol.object.spec;
        if (dig(spec, 'targetRef') !== undefined || dig(spec, 'targetRefs') !== undefined) continue;
        const sel = strMap(dig(spec, 'selector', 'matchLabels'));
        if (!sel) continue;
        for (const pod of gatewayPods) {
          if (nsOf(pod) !== nsOf(pol)) continue;
          const labels = labelsOf(pod.object);
          if (Object.entries(sel).every(([k, v]) => labels[k] === v)) ctx.report('IneffectiveSelector', pol, ['spec', 'selector'], [labels[GATEWAY_NAME_LABEL]]);
        }
      }
    }
  },
};
