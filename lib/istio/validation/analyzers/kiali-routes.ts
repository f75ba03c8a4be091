import type { Analyzer } from '../analyzer';
import { resolveHost } from '../hosts';
import { arr, dig, num, str } from '../read';
import { GK, nsOf } from '../snapshot';

/**
 * VirtualService route shape (Kiali): a lone destination with a weight other than 100 gets 100 anyway
 * (KIA1104), and one route listing the same host and subset twice splits traffic to itself (KIA1105).
 */
export const kialiRouteAnalyzer: Analyzer = {
  name: 'kiali.virtualservices.RouteChecker',
  description: 'VirtualService route weights and repeated destinations',
  run(ctx) {
    const namespaces = ctx.snapshot.namespaces();
    for (const vs of ctx.snapshot.of(GK.VirtualService)) {
      for (const kind of ['http', 'tcp', 'tls'] as const) {
        arr(dig(vs.object.spec, kind)).forEach((rule, i) => {
          const routes = arr(dig(rule, 'route'));
          if (routes.length === 1) {
            const w = num(dig(routes[0], 'weight'));
            if (w !== undefined && w !== 100) ctx.reportKiali('virtualservices.route.singleweight', vs, ['spec', kind, i, 'route', 0, 'weight']);
          }
          const seen = new Set<string>();
          routes.forEach((r, j) => {
            const host = str(dig(r, 'destination', 'host'));
            if (!host) return;
            const key = `${resolveHost(host, nsOf(vs), namespaces)}|${str(dig(r, 'destination', 'subset')) ?? ''}|${num(dig(r, 'destination', 'port', 'number')) ?? ''}`;
            if (seen.has(key)) ctx.reportKiali('virtualservices.route.repeatedsubset', vs, ['spec', kind, i, 'route', j, 'destination']);
            seen.add(key);
          });
        });
      }
    }
  },
};
