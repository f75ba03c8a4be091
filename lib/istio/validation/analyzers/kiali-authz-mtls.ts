import type { Analyzer } from '../analyzer';
import { mtlsInputs } from '../kiali/mtls-inputs';
import { isMtlsEnabledFor } from '../kiali/mtls-status';
import type { PathSegment } from '../model';
import { arr, dig, rec, str, strMap } from '../read';
import { GK, nsOf } from '../snapshot';

const MTLS_CONDITION_KEYS = new Set(['source.namespace', 'source.principal', 'connection.sni']);

/**
 * AuthorizationPolicy fields that only work on mTLS traffic (source principals and namespaces, and
 * conditions on them) are useless where the target workloads do not receive mTLS (Kiali KIA0105).
 */
export const kialiAuthzMtlsAnalyzer: Analyzer = {
  name: 'kiali.authorization.MtlsEnabledChecker',
  description: 'AuthorizationPolicy identity rules need mTLS',
  run(ctx) {
    for (const ap of ctx.snapshot.of(GK.AuthorizationPolicy)) {
      const paths = mtlsOnlyPaths(ap.object.spec);
      if (paths.length === 0) continue;
      const labels = strMap(dig(ap.object.spec, 'selector', 'matchLabels')) ?? {};
      if (isMtlsEnabledFor(mtlsInputs(ctx, nsOf(ap)), nsOf(ap), labels)) continue;
      for (const p of paths) ctx.reportKiali('authorizationpolicy.mtls.needstobeenabled', ap, p);
    }
  },
};

/** Paths of rule fields that need the peer identity mTLS provides. */
export function mtlsOnlyPaths(spec: unknown): PathSegment[][] {
  const out: PathSegment[][] = [];
  arr(dig(spec, 'rules')).forEach((rule, i) => {
    if (!rec(rule)) return;
    arr(dig(rule, 'from')).forEach((from, j) => {
      const source = rec(dig(from, 'source'));
      if (!source) return;
      for (const f of ['principals', 'notPrincipals', 'namespaces', 'notNamespaces']) {
        if (arr(source[f]).length > 0) out.push(['spec', 'rules', i, 'from', j, 'source', f]);
      }
    });
    arr(dig(rule, 'when')).forEach((c, k) => {
      if (MTLS_CONDITION_KEYS.has(str(dig(c, 'key')) ?? '')) out.push(['spec', 'rules', i, 'when', k]);
    });
  });
  return out;
}
