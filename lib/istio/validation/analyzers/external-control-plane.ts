import type { Analyzer } from '../analyzer';
import type { SourcedObject } from '../model';
import { arr, dig, rec, str } from '../read';
import { GK } from '../snapshot';

/**
 * Istio webhooks of a remote cluster that point at an external control plane must carry a usable URL
 * (IST0163) and preferably a host name rather than an IP address (IST0164). DNS resolution is not attempted:
 * validation is offline.
 */
export const externalControlPlaneAnalyzer: Analyzer = {
  name: 'externalcontrolplane.ExternalControlPlaneAnalyzer',
  description: 'Webhooks reach the external control plane through a valid host name',
  run(ctx) {
    const check = (o: SourcedObject) => {
      arr(dig(o.object, 'webhooks')).forEach((hook, i) => {
        const hookName = str(dig(hook, 'name')) ?? '';
        const cc = rec(dig(hook, 'clientConfig')) ?? {};
        const path = ['webhooks', i, 'clientConfig'];
        const url = str(cc.url);
        if (url !== undefined) {
          const host = hostOf(url);
          if (host === undefined) ctx.report('InvalidExternalControlPlaneConfig', o, [...path, 'url'], [url, hookName, 'was provided in an invalid format']);
          else if (isIp(host)) ctx.report('ExternalControlPlaneAddressIsNotAHostname', o, [...path, 'url'], [url, hookName]);
        } else if (cc.service === undefined || cc.service === null) {
          ctx.report('InvalidExternalControlPlaneConfig', o, path, ['', hookName, 'is blank']);
        }
      });
    };
    for (const v of ctx.snapshot.of(GK.ValidatingWebhookConfiguration)) {
      const n = v.object.metadata.name;
      if (n === 'istiod-default-validator' || n.startsWith('istio-validator')) check(v);
    }
    for (const m of ctx.snapshot.of(GK.MutatingWebhookConfiguration)) if (m.object.metadata.name.startsWith('istio-sidecar-injector')) check(m);
  },
};

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
}

function isIp(h: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(h) || (h.includes(':') && /^[0-9a-fA-F:.]+$/.test(h));
}
