import { labelsMatch } from '../../types';
import type { Analyzer } from '../analyzer';
import { selectorString } from '../hosts';
import { arr, dig, labelsOf, num, rec, str, strMap } from '../read';
import { GK, nsOf } from '../snapshot';

/**
 * A Gateway must select at least one workload pod (IST0101 selector), and each server port must be a target port
 * of a Service fronting those pods (IST0162), or traffic to it through the Service cannot arrive.
 */
export const ingressGatewayPortAnalyzer: Analyzer = {
  name: 'gateway.IngressGatewayPortAnalyzer',
  description: 'Gateway selects no workload, or listens on a port its Service does not expose',
  run(ctx) {
    const pods = ctx.snapshot.workloads();
    const services = ctx.snapshot.of(GK.Service);
    for (const gw of ctx.snapshot.of(GK.Gateway)) {
      const spec = rec(gw.object.spec) ?? {};
      const selector = strMap(spec.selector) ?? {};
      const selStr = selectorString(selector);
      const ports = new Set<number>();
      let matched = 0;
      for (const pod of pods) {
        const podLabels = labelsOf(pod.object);
        if (!labelsMatch(selector, podLabels)) continue;
        matched++;
        for (const svc of services) {
          // Services select pods in their own namespace only.
          if (nsOf(svc) !== nsOf(pod)) continue;
          const svcSpec = rec(svc.object.spec);
          const svcSel = strMap(svcSpec?.selector);
          if (!svcSel || Object.keys(svcSel).length === 0 || !labelsMatch(svcSel, podLabels)) continue;
          for (const p of arr(svcSpec?.ports)) {
            const proto = str(dig(p, 'protocol')) ?? 'TCP';
            if (proto !== 'TCP') continue;
            // The proxy listens on the target port; a server on the Service port itself is accepted too, as
            // istiod translates service ports to target ports for gateways.
            const target = num(dig(p, 'targetPort'));
            const port = num(dig(p, 'port'));
            if (target !== undefined && target !== 0) ports.add(target);
            if (port !== undefined) ports.add(port);
          }
        }
      }
      if (matched === 0) {
        ctx.report('ReferencedResourceNotFound', gw, ['spec', 'selector'], ['selector', selStr], ['KIA0302']);
        continue;
      }
      arr(spec.servers).forEach((server, i) => {
        const n = num(dig(server, 'port', 'number'));
        if (n === undefined || ports.has(n)) return;
        ctx.report('GatewayPortNotDefinedOnService', gw, ['spec', 'servers', i, 'port', 'number'], [n, selStr]);
      });
    }
  },
};
