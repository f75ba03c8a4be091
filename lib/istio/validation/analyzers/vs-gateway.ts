import type { Analyzer } from '../analyzer';
import { hostsMatch, splitNamespacedHost } from '../hosts';
import { arr, dig, rec, str } from '../read';
import { GK, nsOf, type MeshSnapshot } from '../snapshot';

/**
 * Each gateway a VirtualService names must exist (IST0101, Kiali KIA1102), must not be an implementation-generated
 * internal gateway (IST0165), and must serve at least one of the VirtualService's hosts for its namespace (IST0132).
 */
export const vsGatewayAnalyzer: Analyzer = {
  name: 'virtualservice.GatewayAnalyzer',
  description: 'VirtualService gateways exist and serve its hosts',
  run(ctx) {
    for (const vs of ctx.snapshot.of(GK.VirtualService)) {
      const spec = rec(vs.object.spec) ?? {};
      const vsNs = nsOf(vs);
      const vsName = vsNs ? `${vsNs}/${vs.object.metadata.name}` : vs.object.metadata.name;
      const hosts = arr(spec.hosts).filter((h): h is string => typeof h === 'string');
      arr(spec.gateways).forEach((g, i) => {
        const gwRef = str(g);
        if (!gwRef || gwRef === 'mesh') return;
        const path = ['spec', 'gateways', i];
        if (gwRef.includes('~')) {
          ctx.report('ReferencedInternalGateway', vs, path, [vsName, gwRef]);
          return;
        }
        const { ns, name } = resolveGatewayRef(gwRef, vsNs);
        const gwHosts = gatewayHosts(ctx.snapshot, ns, name);
        if (!gwHosts) ctx.report('ReferencedResourceNotFound', vs, path, ['gateway', gwRef], ['KIA1102']);
        const served = (gwHosts ?? []).some((gh) => (gh.ns === '*' || gh.ns === vsNs) && hosts.some((h) => hostsMatch(gh.host, h)));
        if (!served) ctx.report('VirtualServiceHostNotFoundInGateway', vs, path, [hosts, vsName, ns ? `${ns}/${name}` : name]);
      });
      // Route-level match gateways must exist too (they must also be listed in spec.gateways to take effect).
      for (const kind of ['http', 'tcp', 'tls'] as const) {
        arr(spec[kind]).forEach((rule, i) => {
          arr(dig(rule, 'match')).forEach((m, j) => {
            arr(dig(m, 'gateways')).forEach((g, k) => {
              const ref = str(g);
              if (!ref || ref === 'mesh' || ref.includes('~')) return;
              const { ns, name } = resolveGatewayRef(ref, vsNs);
              if (!gatewayHosts(ctx.snapshot, ns, name)) ctx.report('ReferencedResourceNotFound', vs, ['spec', kind, i, 'match', j, 'gateways', k], ['gateway', ref], ['KIA1102']);
            });
          });
        });
      }
    }
  },
};

/** `ns/name` or a short name resolved in the VirtualService's namespace (`name.ns.svc...` forms are accepted too). */
export function resolveGatewayRef(ref: string, vsNs: string): { ns: string; name: string } {
  const slash = ref.indexOf('/');
  if (slash !== -1) return { ns: ref.slice(0, slash), name: ref.slice(slash + 1) };
  const dot = ref.indexOf('.');
  if (dot !== -1) {
    const parts = ref.split('.');
    return { ns: parts[1] ?? vsNs, name: parts[0] ?? ref };
  }
  return { ns: vsNs, name: ref };
}

/** The hosts a gateway (Istio or Gateway API) serves, with the namespace each is exported to; undefined if absent. */
export function gatewayHosts(snap: MeshSnapshot, ns: string, name: string): { ns: string; host: string }[] | undefined {
  const istio = snap.get(GK.Gateway, ns, name);
  if (istio) {
    return arr(dig(istio.object.spec, 'servers')).flatMap((s) =>
      arr(dig(s, 'hosts')).flatMap((h) => (typeof h === 'string' ? [splitNamespacedHost(h, ns)] : [])),
    );
  }
  const k8s = snap.get(GK.K8sGateway, ns, name);
  if (k8s) return arr(dig(k8s.object.spec, 'listeners')).map((l) => ({ ns: '*', host: str(dig(l, 'hostname')) ?? '*' }));
  return undefined;
}
