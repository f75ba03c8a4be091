import type { Analyzer } from '../analyzer';
import { hostSubsetOf, resolveHost } from '../hosts';
import { arr, dig, rec, str } from '../read';
import { GK, nsOf } from '../snapshot';
import { vsDestinations } from '../vs-destinations';
import { visibleFrom } from '../export-to';

/**
 * A subset a VirtualService routes or mirrors to must be defined by a DestinationRule for that host that the
 * VirtualService's namespace can see (IST0101 `Referenced subset not found`, Kiali KIA1107).
 */
export const vsDestinationRuleAnalyzer: Analyzer = {
  name: 'virtualservice.DestinationRuleAnalyzer',
  description: 'VirtualService subsets are defined by a DestinationRule',
  run(ctx) {
    const namespaces = ctx.snapshot.namespaces();
    const defined: { ns: string; host: string; subsets: Set<string>; exportTo: unknown[] }[] = [];
    for (const dr of ctx.snapshot.of(GK.DestinationRule)) {
      const spec = rec(dr.object.spec) ?? {};
      const subsets = new Set(arr(spec.subsets).flatMap((s) => (str(dig(s, 'name')) ? [str(dig(s, 'name')) as string] : [])));
      defined.push({ ns: nsOf(dr), host: resolveHost(str(spec.host) ?? '', nsOf(dr), namespaces), subsets, exportTo: arr(spec.exportTo) });
    }
    for (const vs of ctx.snapshot.of(GK.VirtualService)) {
      const ns = nsOf(vs);
      for (const d of vsDestinations(vs)) {
        if (!d.subset) continue;
        const host = resolveHost(d.host, ns, namespaces);
        const found = defined.some((dr) => dr.subsets.has(d.subset as string) && hostSubsetOf(host, dr.host) && visibleFrom(dr.exportTo, dr.ns, ns));
        if (!found) ctx.report('ReferencedResourceNotFound', vs, [...d.path, 'subset'], ['subset', d.subset], ['KIA1107']);
      }
    }
  },
};
