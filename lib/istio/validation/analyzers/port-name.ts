import type { Analyzer } from '../analyzer';
import { servicePortProtocol } from '../protocol';
import { arr, dig, labelsOf, num, rec, str } from '../read';
import { GK, nsOf } from '../snapshot';

/** Namespaces istioctl leaves alone: Kubernetes's own. */
export const KUBE_SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

/**
 * Service ports must name their protocol (`http-web`, or `appProtocol`) so Istio can route them as more than
 * opaque TCP (IST0118, Kiali KIA0601). ExternalName services additionally must not use bare `tcp` (IST0150).
 */
export const portNameAnalyzer: Analyzer = {
  name: 'service.PortNameAnalyzer',
  description: 'Service port names follow the Istio protocol naming convention',
  run(ctx) {
    for (const svc of ctx.snapshot.of(GK.Service)) {
      if (KUBE_SYSTEM_NAMESPACES.has(nsOf(svc))) continue;
      const labels = labelsOf(svc.object);
      // The control plane's own services are exempt.
      if ('istio' in labels || labels.release === 'istio') continue;
      const spec = rec(svc.object.spec) ?? {};
      const external = spec.type === 'ExternalName';
      arr(spec.ports).forEach((p, i) => {
        const port = { name: str(dig(p, 'name')), protocol: str(dig(p, 'protocol')), appProtocol: str(dig(p, 'appProtocol')) };
        const proto = servicePortProtocol(port);
        const path = ['spec', 'ports', i, port.name !== undefined ? 'name' : 'port'];
        if (external) {
          if (proto === undefined || port.name === 'tcp') ctx.report('ExternalNameServiceTypeInvalidPortName', svc, path, []);
          return;
        }
        if (proto !== undefined) return;
        const target = dig(p, 'targetPort');
        ctx.report('PortNameIsNotUnderNamingConvention', svc, path, [port.name ?? '', num(dig(p, 'port')) ?? 0, target === undefined ? '' : String(target)], ['KIA0601']);
      });
    }
  },
};
