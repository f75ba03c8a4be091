import type { Analyzer } from '../analyzer';
import { exportScopes } from '../export-to';
import { hostsMatch, toFqdn } from '../hosts';
import type { SourcedObject } from '../model';
import { arr, rec } from '../read';
import { GK, nsOf } from '../snapshot';

/**
 * VirtualServices bound to the mesh gateway (no gateways, or `mesh`) that define the same host in overlapping
 * exportTo scopes conflict: which one a sidecar uses is undefined (IST0109, Kiali KIA1106).
 */
export const conflictingMeshGatewayHostsAnalyzer: Analyzer = {
  name: 'virtualservice.ConflictingMeshGatewayHostsAnalyzer',
  description: 'Mesh VirtualServices defining the same host',
  run(ctx) {
    const byScopedHost = new Map<string, { scope: string; host: string; list: SourcedObject[] }>();
    for (const vs of ctx.snapshot.of(GK.VirtualService)) {
      const spec = rec(vs.object.spec) ?? {};
      const gateways = arr(spec.gateways);
      if (gateways.length > 0 && !gateways.includes('mesh')) continue;
      const ns = nsOf(vs);
      for (const scope of exportScopes(arr(spec.exportTo), ns)) {
        for (const h of arr(spec.hosts)) {
          if (typeof h !== 'string') continue;
          const host = toFqdn(h, ns);
          const k = `${scope}/${host}`;
          const e = byScopedHost.get(k) ?? { scope, host, list: [] };
          e.list.push(vs);
          byScopedHost.set(k, e);
        }
      }
    }
    const reported = new Set<SourcedObject>();
    for (const [k, { scope, host, list }] of byScopedHost) {
      let all = list;
      if (scope !== '*') {
        for (const o of byScopedHost.values()) if (o.scope === '*' && hostsMatch(host, o.host)) all = [...all, ...o.list];
      }
      if (all.length < 2) continue;
      const names = all.map((v) => (nsOf(v) ? `${nsOf(v)}/${v.object.metadata.name}` : v.object.metadata.name)).join(',');
      for (const vs of all) {
        if (reported.has(vs)) continue;
        reported.add(vs);
        ctx.report('ConflictingMeshGatewayVirtualServiceHosts', vs, ['spec', 'hosts'], [names, k], ['KIA1106']);
      }
    }
  },
};
