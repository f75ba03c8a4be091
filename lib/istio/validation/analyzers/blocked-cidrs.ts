import type { Analyzer } from '../analyzer';
import { arr, dig, labelsOf, str } from '../read';
import { GK, nsOf } from '../snapshot';

/**
 * With RequestAuthentications present, istiod fetches JWKS from user-supplied URIs; without
 * BLOCKED_CIDRS_IN_JWKS_URIS those fetches can reach internal networks (IST0175, on the istiod Deployment).
 */
export const blockedCidrsAnalyzer: Analyzer = {
  name: 'authn.BlockedCIDRsAnalyzer',
  description: 'istiod restricts JWKS fetches when RequestAuthentications exist',
  run(ctx) {
    const ras = ctx.snapshot.of(GK.RequestAuthentication).map((r) => (nsOf(r) ? `${nsOf(r)}/${r.object.metadata.name}` : r.object.metadata.name));
    if (ras.length === 0) return;
    const shown = ras.length <= 5 ? ras.join(', ') : `${ras.slice(0, 5).join(', ')}, and ${ras.length - 5} more`;
    for (const d of ctx.snapshot.of(GK.Deployment)) {
      if (labelsOf(d.object).app !== 'istiod') continue;
      const containers = arr(dig(d.object.spec, 'template', 'spec', 'containers'));
      const configured = containers.some((c) => arr(dig(c, 'env')).some((e) => str(dig(e, 'name')) === 'BLOCKED_CIDRS_IN_JWKS_URIS' && !!str(dig(e, 'value'))));
      if (!configured) ctx.report('JwksUriFetchUnrestricted', d, ['spec', 'template', 'spec', 'containers'], [ras.length, shown]);
    }
  },
};
