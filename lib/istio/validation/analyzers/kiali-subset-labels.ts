import type { Analyzer } from '../analyzer';
import { arr, dig, rec } from '../read';
import { GK } from '../snapshot';

/** A DestinationRule subset without labels selects every endpoint of the host, rarely what was meant (Kiali KIA0209). */
export const kialiSubsetNoLabelsAnalyzer: Analyzer = {
  name: 'kiali.destinationrules.SubsetNoLabelsChecker',
  description: 'DestinationRule subsets without labels',
  run(ctx) {
    for (const dr of ctx.snapshot.of(GK.DestinationRule)) {
      arr(dig(dr.object.spec, 'subsets')).forEach((s, i) => {
        if (Object.keys(rec(dig(s, 'labels')) ?? {}).length === 0) ctx.reportKiali('destinationrules.nodest.subsetnolabels', dr, ['spec', 'subsets', i]);
      });
    }
  },
};
