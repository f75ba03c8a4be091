import type { Analyzer } from '../analyzer';
import { arr, dig, rec, str } from '../read';
import { buildHostMap, findDestination } from '../service-registry';
import { GK, nsOf } from '../snapshot';

/**
 * Sidecar resources (Kiali): the root namespace's Sidecar is the mesh default and must not select workloads
 * (KIA1006); egress hosts naming a specific service must exist in the registry (KIA1004); an empty
 * outboundTrafficPolicy mode is ambiguous (KIA1007).
 */
export const kialiSidecarAnalyzer: Analyzer = {
  name: 'kiali.sidecars.SidecarChecker',
  description: 'Sidecar defaults, egress hosts and outbound policy',
  run(ctx) {
    const root = typeof ctx.meshConfig.rootNamespace === 'string' ? ctx.meshConfig.rootNamespace : ctx.istioNamespace;
    const hosts = buildHostMap(ctx.snapshot);
    // Egress hosts can only be checked against a registry the input actually carries.
    const haveRegistry = ctx.snapshot.of(GK.Service).length + ctx.snapshot.of(GK.ServiceEntry).length > 0;
    for (const sc of ctx.snapshot.of(GK.Sidecar)) {
      const spec = rec(sc.object.spec) ?? {};
      if (nsOf(sc) === root && rec(spec.workloadSelector)) ctx.reportKiali('sidecar.global.selector', sc, ['spec', 'workloadSelector']);
      const otp = rec(spec.outboundTrafficPolicy);
      if (otp && (otp.mode === undefined || otp.mode === '')) ctx.reportKiali('sidecar.outboundtrafficpolicy.mode.ambiguous', sc, ['spec', 'outboundTrafficPolicy']);
      if (!haveRegistry) continue;
      arr(spec.egress).forEach((e, i) => {
        arr(dig(e, 'hosts')).forEach((h, j) => {
          const [ns, host] = (str(h) ?? '').split('/');
          if (!ns || !host || host === '*' || host.startsWith('*')) return;
          const lookupNs = ns === '.' ? nsOf(sc) : ns === '*' ? nsOf(sc) : ns;
          if (!findDestination(lookupNs, [], host, hosts)) ctx.reportKiali('sidecar.egress.servicenotfound', sc, ['spec', 'egress', i, 'hosts', j]);
        });
      });
    }
  },
};
