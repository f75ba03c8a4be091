import type { Analyzer } from '../analyzer';
import { mtlsInputs } from '../kiali/mtls-inputs';
import { drModeForHost, meshWideHost, namespaceWideHost, paWideEnabled, paWideMode } from '../kiali/mtls-status';
import { GK, nsOf } from '../snapshot';

const TLS_MODE = ['spec', 'trafficPolicy', 'tls', 'mode'];

/**
 * DestinationRule side of mTLS consistency (Kiali): a mesh-wide (`*.local`) or namespace-wide
 * (`*.ns.svc.cluster.local`) rule enabling mTLS needs a PeerAuthentication enabling it (KIA0205, KIA0206); one
 * disabling mTLS conflicts with a STRICT PeerAuthentication (KIA0207 namespace, KIA0208 mesh).
 */
export const kialiDestinationRuleMtlsAnalyzer: Analyzer = {
  name: 'kiali.destinationrules.MtlsChecker',
  description: 'DestinationRule mTLS settings agree with PeerAuthentications',
  run(ctx) {
    for (const dr of ctx.snapshot.of(GK.DestinationRule)) {
      const ns = nsOf(dr);
      const i = mtlsInputs(ctx, ns);
      const meshMode = drModeForHost(dr, meshWideHost);
      const nsMode = drModeForHost(dr, namespaceWideHost(ns));
      if (meshMode === 'ISTIO_MUTUAL' && !i.meshPeerAuthns.some(paWideEnabled)) {
        ctx.reportKiali('destinationrules.mtls.meshpolicymissing', dr, TLS_MODE);
      }
      if (nsMode === 'ISTIO_MUTUAL' && !i.peerAuthns.some(paWideEnabled) && !i.meshPeerAuthns.some(paWideEnabled)) {
        ctx.reportKiali('destinationrules.mtls.nspolicymissing', dr, TLS_MODE);
      }
      if (meshMode === 'DISABLE' && i.meshPeerAuthns.some((p) => paWideMode(p) === 'STRICT')) {
        ctx.reportKiali('destinationrules.mtls.meshpolicymtlsenabled', dr, TLS_MODE);
      }
      if (nsMode === 'DISABLE') {
        const enabling = i.peerAuthns.find(paWideEnabled);
        if (enabling) {
          if (paWideMode(enabling) === 'STRICT') ctx.reportKiali('destinationrules.mtls.policymtlsenabled', dr, TLS_MODE);
        } else if (!i.peerAuthns.some((p) => paWideMode(p) === 'DISABLE') && i.meshPeerAuthns.some((p) => paWideMode(p) === 'STRICT')) {
          ctx.reportKiali('destinationrules.mtls.meshpolicymtlsenabled', dr, TLS_MODE);
        }
      }
    }
  },
};
