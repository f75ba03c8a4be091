import type { Analyzer } from '../analyzer';
import { arr, dig, rec, str } from '../read';
import { GK } from '../snapshot';

/**
 * TCP (or protocol-less) ServiceEntry ports need `addresses`: without a VIP, a TCP listener cannot tell hosts
 * apart (IST0134). Not needed when the proxies auto-allocate addresses (DNS capture + auto-allocate) or the
 * entry's status already carries allocated addresses.
 */
export const serviceEntryAddressesAnalyzer: Analyzer = {
  name: 'serviceentry.Analyzer',
  description: 'ServiceEntry addresses are set where the protocol needs them',
  run(ctx) {
    const meta = rec(dig(ctx.meshConfig, 'defaultConfig', 'proxyMetadata')) ?? {};
    const autoAllocated =
      meta.ISTIO_META_DNS_CAPTURE === 'true' && (meta.ISTIO_META_DNS_AUTO_ALLOCATE === 'true' || meta.PILOT_ENABLE_IP_AUTOALLOCATE === 'true');
    if (autoAllocated) return;
    for (const se of ctx.snapshot.of(GK.ServiceEntry)) {
      const spec = rec(se.object.spec) ?? {};
      if (spec.addresses !== undefined && spec.addresses !== null) continue;
      if (arr(dig(se.object, 'status', 'addresses')).length > 0) continue;
      arr(spec.ports).forEach((p, i) => {
        const proto = str(dig(p, 'protocol')) ?? '';
        if (proto === '' || proto.toUpperCase() === 'TCP') ctx.report('ServiceEntryAddressesRequired', se, ['spec', 'ports', i], []);
      });
    }
  },
};
