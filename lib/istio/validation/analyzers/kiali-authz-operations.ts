import type { Analyzer } from '../analyzer';
import { arr, dig, str } from '../read';
import { buildHostMap, findDestination } from '../service-registry';
import { GK, nsOf } from '../snapshot';

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

/**
 * AuthorizationPolicy operations (Kiali): methods must be HTTP methods or Istio wildcards (KIA0102) and hosts
 * must exist in the service registry when the input carries one (KIA0104).
 */
export const kialiAuthzOperationsAnalyzer: Analyzer = {
  name: 'kiali.authorization.OperationChecker',
  description: 'AuthorizationPolicy methods and hosts',
  run(ctx) {
    const registry = buildHostMap(ctx.snapshot);
    const haveRegistry = ctx.snapshot.of(GK.Service).length + ctx.snapshot.of(GK.ServiceEntry).length > 0;
    for (const ap of ctx.snapshot.of(GK.AuthorizationPolicy)) {
      arr(dig(ap.object.spec, 'rules')).forEach((rule, i) => {
        arr(dig(rule, 'to')).forEach((to, j) => {
          const op = ['spec', 'rules', i, 'to', j, 'operation'];
          for (const field of ['methods', 'notMethods']) {
            arr(dig(to, 'operation', field)).forEach((m, k) => {
              const method = str(m) ?? '';
              if (!HTTP_METHODS.has(method) && !/^\*|\*$/.test(method)) ctx.reportKiali('authorizationpolicy.to.wrongmethod', ap, [...op, field, k]);
            });
          }
          if (!haveRegistry) return;
          for (const field of ['hosts', 'notHosts']) {
            arr(dig(to, 'operation', field)).forEach((h, k) => {
              const host = (str(h) ?? '').replace(/:\d+$/, '');
              if (!host || host.includes('*')) return;
              if (!findDestination(nsOf(ap), [], host, registry)) ctx.reportKiali('authorizationpolicy.nodest.matchingregistry', ap, [...op, field, k]);
            });
          }
        });
      });
    }
  },
};
