import { labelsMatch } from '../../types';
import type { Analyzer } from '../analyzer';
import { arr, dig, labelsOf, rec, strMap } from '../read';
import { GK, nsOf } from '../snapshot';
import { resolveGatewayRef } from './vs-gateway';

const JWT_CLAIM_HEADER = '@request.auth.claims';

/**
 * Routing on JWT claims (`@request.auth.claims.*` headers) only works on gateway pods a RequestAuthentication
 * applies to (IST0149).
 */
export const jwtClaimRouteAnalyzer: Analyzer = {
  name: 'virtualservice.JWTClaimRouteAnalyzer',
  description: 'JWT claim routing has a RequestAuthentication on the gateway',
  run(ctx) {
    const raByNs = new Map<string, Record<string, string>[]>();
    for (const ra of ctx.snapshot.of(GK.RequestAuthentication)) {
      raByNs.set(nsOf(ra), [...(raByNs.get(nsOf(ra)) ?? []), strMap(dig(ra.object.spec, 'selector', 'matchLabels')) ?? {}]);
    }
    for (const vs of ctx.snapshot.of(GK.VirtualService)) {
      const key = claimKey(vs.object.spec);
      if (!key) continue;
      arr(dig(vs.object.spec, 'gateways')).forEach((g, i) => {
        if (typeof g !== 'string' || g === 'mesh') return;
        const { ns, name } = resolveGatewayRef(g, nsOf(vs));
        const gw = ctx.snapshot.get(GK.Gateway, ns, name);
        if (!gw) return;
        const sel = strMap(dig(gw.object.spec, 'selector')) ?? {};
        for (const pod of ctx.snapshot.of(GK.Pod)) {
          const labels = labelsOf(pod.object);
          if (!labelsMatch(sel, labels)) continue;
          const selectors = [...(raByNs.get(ctx.istioNamespace) ?? []), ...(nsOf(pod) === ctx.istioNamespace ? [] : (raByNs.get(nsOf(pod)) ?? []))];
          if (selectors.some((s) => labelsMatch(s, labels))) continue;
          ctx.report('JwtClaimBasedRoutingWithoutRequestAuthN', vs, ['spec', 'gateways', i], [key, ns ? `${ns}/${name}` : name, pod.object.metadata.name]);
        }
      });
    }
  },
};

function claimKey(spec: unknown): string | undefined {
  for (const route of arr(dig(spec, 'http'))) {
    for (const m of arr(dig(route, 'match'))) {
      for (const field of ['headers', 'withoutHeaders']) {
        const k = Object.keys(rec(dig(m, field)) ?? {}).find((h) => h.startsWith(JWT_CLAIM_HEADER));
        if (k) return k;
      }
    }
  }
  return undefined;
}
