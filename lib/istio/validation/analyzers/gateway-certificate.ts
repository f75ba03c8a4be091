import type { Analyzer } from '../analyzer';
import { arr, dig, rec, str, strMap } from '../read';
import { GK, nsOf } from '../snapshot';

/**
 * Two Gateways on the same workloads serving the same certificate let HTTP/2 clients reuse a connection across
 * them and get 404s (IST0138).
 */
export const gatewayCertificateAnalyzer: Analyzer = {
  name: 'gateway.CertificateAnalyzer',
  description: 'Gateways on the same workload sharing a certificate',
  run(ctx) {
    const gws = ctx.snapshot.of(GK.Gateway);
    const full = (g: (typeof gws)[number]) => (nsOf(g) ? `${nsOf(g)}/${g.object.metadata.name}` : g.object.metadata.name);
    for (const cur of gws) {
      const sel = strMap(dig(cur.object.spec, 'selector')) ?? {};
      for (const other of gws) {
        if (other === cur) continue;
        const otherSel = strMap(dig(other.object.spec, 'selector')) ?? {};
        // The current selector must be a subset of the other's (empty matches all).
        if (!Object.entries(sel).every(([k, v]) => otherSel[k] === v)) continue;
        for (const a of arr(dig(cur.object.spec, 'servers'))) {
          for (const b of arr(dig(other.object.spec, 'servers'))) {
            const ta = rec(dig(a, 'tls'));
            const tb = rec(dig(b, 'tls'));
            if (ta && tb && sameCertificate(ta, tb)) ctx.report('GatewayDuplicateCertificate', cur, ['metadata', 'name'], [[full(cur), full(other)]]);
          }
        }
      }
    }
  },
};

function sameCertificate(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ca = str(a.credentialName) ?? '';
  const cb = str(b.credentialName) ?? '';
  if (ca && cb) return ca === cb;
  if (ca || cb) return false;
  const sa = str(a.serverCertificate) ?? '';
  const sb = str(b.serverCertificate) ?? '';
  const ka = str(a.privateKey) ?? '';
  const kb = str(b.privateKey) ?? '';
  return sa !== '' && sa === sb && ka !== '' && ka === kb;
}
