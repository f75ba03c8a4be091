import type { Analyzer } from '../analyzer';
import { autoMtlsEnabled } from '../kiali/mtls-inputs';
import { drModeForHost, meshWideHost, namespaceWideHost, paWideMode } from '../kiali/mtls-status';
import { GK, nsOf } from '../snapshot';

const MTLS = ['spec', 'mtls'];
const mutual = (m: string) => m === 'ISTIO_MUTUAL' || m === 'MUTUAL';

/**
 * PeerAuthentication side of mTLS consistency (Kiali): without auto mTLS, a STRICT mesh- or namespace-wide
 * policy needs a DestinationRule enabling mTLS (KIA0401, KIA0501); a policy disabling mTLS conflicts with
 * DestinationRules that still originate it mesh-wide (KIA0506) or namespace-wide (KIA0505).
 */
export const kialiPeerAuthenticationMtlsAnalyzer: Analyzer = {
  name: 'kiali.peerauthentications.MtlsChecker',
  description: 'PeerAuthentication mTLS settings agree with DestinationRules',
  run(ctx) {
    const root = typeof ctx.meshConfig.rootNamespace === 'string' ? ctx.meshConfig.rootNamespace : ctx.istioNamespace;
    const drs = ctx.snapshot.of(GK.DestinationRule);
    const auto = autoMtlsEnabled(ctx);
    for (const pa of ctx.snapshot.of(GK.PeerAuthentication)) {
      const mode = paWideMode(pa);
      const ns = nsOf(pa);
      const meshWide = ns === root;
      if (mode === 'STRICT' && !auto) {
        const ok = drs.some((d) => drModeForHost(d, meshWideHost) === 'ISTIO_MUTUAL' || (!meshWide && drModeForHost(d, namespaceWideHost(ns)) === 'ISTIO_MUTUAL'));
        if (!ok) ctx.reportKiali(meshWide ? 'peerauthentication.mtls.destinationrulemissing' : 'peerauthentications.mtls.destinationrulemissing', pa, MTLS);
      }
      if (mode !== 'DISABLE') continue;
      if (meshWide) {
        if (drs.some((d) => mutual(drModeForHost(d, meshWideHost)))) ctx.reportKiali('peerauthentications.mtls.disablemeshdestinationrulemissing', pa, MTLS);
        continue;
      }
      let nsDisabled = false;
      let meshEnabled = false;
      let conflict = false;
      for (const d of drs) {
        const m = drModeForHost(d, namespaceWideHost(ns));
        if (mutual(m)) {
          conflict = true;
          break;
        }
        if (m === 'DISABLE') {
          nsDisabled = true;
          break;
        }
        if (mutual(drModeForHost(d, meshWideHost))) meshEnabled = true;
      }
      if (conflict || (!nsDisabled && meshEnabled)) ctx.reportKiali('peerauthentications.mtls.disabledestinationrulemissing', pa, MTLS);
    }
  },
};

