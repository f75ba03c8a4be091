import { labelsMatch } from '../../types';
import type { Analyzer } from '../analyzer';
import { selectorString } from '../hosts';
import type { SourcedObject } from '../model';
import { arr, dig, labelsOf, rec, str, strMap } from '../read';
import { GK, nsOf } from '../snapshot';
import { base64ToBytes, certificateNotAfter, pemBlock } from '../x509';

/**
 * A Gateway server's `tls.credentialName` must name a Secret in the namespace of the gateway workload
 * (IST0101), holding a usable certificate and key (IST0161): `tls.crt`/`tls.key` or `cert`/`key`, PEM, and,
 * when the validation time is known, not expired.
 */
export const gatewaySecretAnalyzer: Analyzer = {
  name: 'gateway.SecretAnalyzer',
  description: 'Gateway TLS credentials exist and hold a valid certificate',
  run(ctx) {
    for (const gw of ctx.snapshot.of(GK.Gateway)) {
      const spec = rec(gw.object.spec) ?? {};
      const selector = strMap(spec.selector) ?? {};
      // The credential lives with the gateway workload, not with the Gateway resource.
      const pod = ctx.snapshot.workloads().find((p) => labelsMatch(selector, labelsOf(p.object)));
      if (!pod) {
        ctx.report('ReferencedResourceNotFound', gw, ['spec', 'selector'], ['selector', selectorString(selector)]);
        continue;
      }
      const wlNs = nsOf(pod);
      arr(spec.servers).forEach((srv, i) => {
        const cn = str(dig(srv, 'tls', 'credentialName'));
        if (!cn) return;
        const path = ['spec', 'servers', i, 'tls', 'credentialName'];
        const slash = cn.indexOf('/');
        const secret = slash === -1 ? ctx.snapshot.get(GK.Secret, wlNs, cn) : ctx.snapshot.get(GK.Secret, cn.slice(0, slash), cn.slice(slash + 1));
        if (!secret) {
          ctx.report('ReferencedResourceNotFound', gw, path, ['credentialName', cn]);
          return;
        }
        if (credentialProblem(secret, ctx.now)) ctx.report('InvalidGatewayCredential', gw, path, [gw.object.metadata.name, nsOf(gw)]);
      });
    }
  },
};

/** Why a TLS secret is unusable, or undefined. */
export function credentialProblem(secret: SourcedObject, now: number | undefined): string | undefined {
  const data = rec(dig(secret.object, 'data')) ?? {};
  const stringData = rec(dig(secret.object, 'stringData')) ?? {};
  const read = (k: string): string | undefined => {
    const s = str(stringData[k]);
    if (s !== undefined) return s;
    const b = str(data[k]);
    const bytes = b === undefined ? undefined : base64ToBytes(b);
    return bytes ? new TextDecoder().decode(bytes) : undefined;
  };
  const crt = read('tls.crt') ?? read('cert');
  const key = read('tls.key') ?? read('key');
  if (crt === undefined || key === undefined) return 'missing tls.crt/tls.key (or cert/key)';
  const der = pemBlock(crt, 'CERTIFICATE');
  if (!der) return 'certificate is not PEM';
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) return 'private key is not PEM';
  const notAfter = certificateNotAfter(der);
  if (notAfter === undefined) return 'certificate does not parse';
  if (now !== undefined && notAfter < now) return 'certificate expired';
  return undefined;
}
