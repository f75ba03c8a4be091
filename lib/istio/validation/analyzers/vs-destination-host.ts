import type { Analyzer } from '../analyzer';
import { arr, rec } from '../read';
import { buildHostMap, findDestination } from '../service-registry';
import { GK, nsOf } from '../snapshot';
import { vsDestinations } from '../vs-destinations';

/**
 * VirtualService destinations must resolve to a visible service (IST0101 host / mirror host, Kiali KIA1101),
 * name a port the service has (IST0101 host:port), and pick a port when the service has several (IST0112).
 * Gateway-bound routes without a subset to a host another VirtualService splits by subset bypass that split
 * (IST0140).
 */
export const vsDestinationHostAnalyzer: Analyzer = {
  name: 'virtualservice.DestinationHostAnalyzer',
  description: 'VirtualService destination hosts and ports exist',
  run(ctx) {
    const hosts = buildHostMap(ctx.snapshot);
    const vss = ctx.snapshot.of(GK.VirtualService);
    // VirtualServices that route their own hosts by subset.
    const subsetRouted = new Map<string, string[]>();
    for (const vs of vss) {
      const own = arr(rec(vs.object.spec)?.hosts);
      const name = fullName(nsOf(vs), vs.object.metadata.name);
      for (const d of vsDestinations(vs)) {
        if (d.mirror || !d.path.includes('http') || !d.subset || !own.includes(d.host)) continue;
        subsetRouted.set(name, [...(subsetRouted.get(name) ?? []), d.host]);
      }
    }
    for (const vs of vss) {
      const spec = rec(vs.object.spec) ?? {};
      const ns = nsOf(vs);
      for (const d of vsDestinations(vs)) {
        const svc = findDestination(ns, arr(spec.exportTo), d.host, hosts);
        const hostPath = [...d.path, 'host'];
        if (!svc) {
          ctx.report('ReferencedResourceNotFound', vs, hostPath, [d.mirror ? 'mirror host' : 'host', d.host], ['KIA1101']);
          continue;
        }
        if (!d.hasPort) {
          if (svc.ports.length > 1) ctx.report('VirtualServiceDestinationPortSelectorRequired', vs, hostPath, [d.host, svc.ports.map((p) => p.number ?? 0)]);
          continue;
        }
        if (!svc.ports.some((p) => p.number === (d.port ?? 0))) {
          ctx.report('ReferencedResourceNotFound', vs, [...d.path, 'port'], ['host:port', `${d.host}:${d.port ?? 0}`]);
        }
      }
      if (arr(spec.gateways).length === 0) continue;
      for (const d of vsDestinations(vs)) {
        if (d.mirror || d.path[1] !== 'http' || d.subset) continue;
        for (const [other, routed] of subsetRouted) {
          for (const h of routed) if (h === d.host) ctx.report('IngressRouteRulesNotAffected', vs, [...d.path, 'host'], [other, fullName(ns, vs.object.metadata.name)]);
        }
      }
    }
  },
};

function fullName(ns: string, name: string): string {
  return ns ? `${ns}/${name}` : name;
}

