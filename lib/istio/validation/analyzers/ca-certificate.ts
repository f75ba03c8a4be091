import type { Analyzer } from '../analyzer';
import { arr, dig, rec, str } from '../read';
import { GK, nsOf } from '../snapshot';

/**
 * DestinationRules with TLS mode SIMPLE or MUTUAL must verify the server: caCertificates, or a credentialName that
 * a workloadSelector-scoped (gateway) rule reads the CA from. Otherwise IST0128 (rule level) / IST0129 (port level).
 */
export const caCertificateAnalyzer: Analyzer = {
  name: 'destinationrule.CaCertificateAnalyzer',
  description: 'TLS origination without a CA certificate to verify the server',
  run(ctx) {
    for (const dr of ctx.snapshot.of(GK.DestinationRule)) {
      const spec = rec(dr.object.spec);
      if (!spec) continue;
      const ns = nsOf(dr);
      const name = ns ? `${ns}/${dr.object.metadata.name}` : dr.object.metadata.name;
      const host = str(spec.host) ?? '';
      const hasSelector = rec(spec.workloadSelector) !== undefined;
      const tls = rec(dig(spec, 'trafficPolicy', 'tls'));
      if (tls && unverified(tls, hasSelector)) {
        ctx.report('NoServerCertificateVerificationDestinationLevel', dr, ['spec', 'trafficPolicy', 'tls', 'mode'], [name, ns, tls.mode, host]);
      }
      arr(dig(spec, 'trafficPolicy', 'portLevelSettings')).forEach((p, i) => {
        const ptls = rec(dig(p, 'tls'));
        if (!ptls || !unverified(ptls, hasSelector)) return;
        const port = dig(p, 'port', 'number');
        ctx.report('NoServerCertificateVerificationPortLevel', dr, ['spec', 'trafficPolicy', 'portLevelSettings', i, 'tls', 'mode'], [name, ns, ptls.mode, host, String(port ?? '')]);
      });
    }
  },
};

function unverified(tls: Record<string, unknown>, hasSelector: boolean): boolean {
  if (tls.mode !== 'SIMPLE' && tls.mode !== 'MUTUAL') return false;
  if (str(tls.caCertificates)) return false;
  if (tls.insecureSkipVerify === true) return false;
  // With a workloadSelector the rule applies to a gateway, which reads the CA from the credential's secret.
  if (str(tls.credentialName) && hasSelector) return false;
  return true;
}
