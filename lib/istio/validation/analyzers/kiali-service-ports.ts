import { labelsMatch } from '../../types';
import type { Analyzer } from '../analyzer';
import { parseProtocol } from '../protocol';
import { arr, dig, num, str, strMap } from '../read';
import { GK, nsOf } from '../snapshot';
import { KUBE_SYSTEM_NAMESPACES } from './port-name';

/**
 * Service ports (Kiali): an appProtocol Istio does not know (KIA0602), and a target port that none of the
 * selected Deployments' containers declare (KIA0701; only judged when those containers declare ports at all).
 */
export const kialiServicePortsAnalyzer: Analyzer = {
  name: 'kiali.services.PortChecker',
  description: 'Service appProtocol values and target ports',
  run(ctx) {
    for (const svc of ctx.snapshot.of(GK.Service)) {
      if (KUBE_SYSTEM_NAMESPACES.has(nsOf(svc))) continue;
      const ports = arr(dig(svc.object.spec, 'ports'));
      ports.forEach((p, i) => {
        const app = str(dig(p, 'appProtocol'));
        if (app !== undefined && app !== '' && !parseProtocol(app)) ctx.reportKiali('port.appprotocol.mismatch', svc, ['spec', 'ports', i, 'appProtocol']);
      });
      const selector = strMap(dig(svc.object.spec, 'selector'));
      if (!selector || Object.keys(selector).length === 0) continue;
      const deployments = ctx.snapshot
        .of(GK.Deployment)
        .filter((d) => nsOf(d) === nsOf(svc) && labelsMatch(selector, strMap(dig(d.object.spec, 'template', 'metadata', 'labels')) ?? {}));
      const containers = deployments.flatMap((d) => arr(dig(d.object.spec, 'template', 'spec', 'containers')));
      const declared = containers.flatMap((c) => arr(dig(c, 'ports')));
      if (declared.length === 0) continue;
      const numbers = new Set(declared.map((cp) => num(dig(cp, 'containerPort'))));
      const names = new Set(declared.map((cp) => str(dig(cp, 'name'))).filter(Boolean));
      ports.forEach((p, i) => {
        const target = dig(p, 'targetPort') ?? dig(p, 'port');
        const ok = typeof target === 'string' && !/^\d+$/.test(target) ? names.has(target) : numbers.has(num(target));
        if (!ok) ctx.reportKiali('service.deployment.port.mismatch', svc, ['spec', 'ports', i]);
      });
    }
  },
};
