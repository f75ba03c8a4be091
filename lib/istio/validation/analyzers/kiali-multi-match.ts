import type { Analyzer } from '../analyzer';
import { exportScopes } from '../export-to';
import { hostsMatch, resolveHost } from '../hosts';
import type { SourcedObject } from '../model';
import { arr, dig, str } from '../read';
import { GK, nsOf } from '../snapshot';
import { resolveGatewayRef } from './vs-gateway';

/**
 * Duplicates Kiali flags (warnings): two DestinationRules for the same host and subset in overlapping exportTo
 * scopes (KIA0201), and two VirtualServices for the same host on the same (non-mesh) gateway (KIA1106; the
 * mesh-gateway case is istioctl's IST0109).
 */
export const kialiMultiMatchAnalyzer: Analyzer = {
  name: 'kiali.MultiMatchChecker',
  description: 'Duplicate DestinationRules and gateway VirtualServices',
  run(ctx) {
    const namespaces = ctx.snapshot.namespaces();
    const drs = ctx.snapshot.of(GK.DestinationRule).map((dr) => ({
      dr,
      host: resolveHost(str(dig(dr.object.spec, 'host')) ?? '', nsOf(dr), namespaces),
      subsets: arr(dig(dr.object.spec, 'subsets')).flatMap((s) => (str(dig(s, 'name')) ? [str(dig(s, 'name')) as string] : [])),
      scopes: exportScopes(arr(dig(dr.object.spec, 'exportTo')), nsOf(dr)),
      selector: dig(dr.object.spec, 'workloadSelector'),
    }));
    const flagged = new Set<SourcedObject>();
    for (const a of drs) {
      for (const b of drs) {
        if (a === b || a.selector !== undefined || b.selector !== undefined || a.host !== b.host) continue;
        if (!a.scopes.some((s) => s === '*' || b.scopes.includes('*') || b.scopes.includes(s))) continue;
        // Whole-host rules (no subsets) collide with each other; subset rules collide on a shared subset name.
        const clash = (a.subsets.length === 0 && b.subsets.length === 0) || a.subsets.some((s) => b.subsets.includes(s));
        if (clash) flagged.add(a.dr);
      }
    }
    for (const dr of flagged) ctx.reportKiali('destinationrules.multimatch', dr, ['spec', 'host']);

    const byGateway = new Map<string, { vs: SourcedObject; hosts: string[] }[]>();
    for (const vs of ctx.snapshot.of(GK.VirtualService)) {
      const hosts = arr(dig(vs.object.spec, 'hosts')).filter((h): h is string => typeof h === 'string').map((h) => resolveHost(h, nsOf(vs), namespaces));
      for (const g of arr(dig(vs.object.spec, 'gateways'))) {
        if (typeof g !== 'string' || g === 'mesh') continue;
        const { ns, name } = resolveGatewayRef(g, nsOf(vs));
        const k = `${ns}/${name}`;
        byGateway.set(k, [...(byGateway.get(k) ?? []), { vs, hosts }]);
      }
    }
    const dupVs = new Set<SourcedObject>();
    for (const list of byGateway.values()) {
      for (const a of list) for (const b of list) if (a.vs !== b.vs && a.hosts.some((h) => b.hosts.some((o) => hostsMatch(h, o) && !h.startsWith('*') === !o.startsWith('*')))) dupVs.add(a.vs);
    }
    for (const vs of dupVs) ctx.reportKiali('virtualservices.singlehost', vs, ['spec', 'hosts']);
  },
};
