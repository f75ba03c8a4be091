import { labelsMatch } from '../../types';
import type { Analyzer } from '../analyzer';
import { arr, dig, labelsOf, rec, str, strMap } from '../read';
import { buildHostMap, findDestination } from '../service-registry';
import { GK, nsOf } from '../snapshot';

const TOPOLOGY = ['topology.kubernetes.io/region', 'topology.kubernetes.io/zone', 'topology.istio.io/subzone'];

/**
 * A DestinationRule's host must be a known service (IST0174, Kiali KIA0202), and each subset must select at least one pod
 * (IST0173, Kiali KIA0203), or requests routed to it fail with 503 UH. Pods get their node's topology labels, as istiod adds them.
 */
export const subsetSelectPodAnalyzer: Analyzer = {
  name: 'destinationrule.SubsetSelectPodAnalyzer',
  description: 'DestinationRule host is known and its subsets select pods',
  run(ctx) {
    const hosts = buildHostMap(ctx.snapshot);
    const nodes = new Map(ctx.snapshot.of('/Node').map((n) => [n.object.metadata.name, labelsOf(n.object)]));
    const podLabels = ctx.snapshot.workloads().map((p) => {
      const labels = { ...labelsOf(p.object) };
      const nodeName = str(dig(p.object.spec, 'nodeName'));
      const node = nodeName ? nodes.get(nodeName) : undefined;
      if (nodeName && node) {
        // Empty topology labels on a node carry no locality, so istiod does not copy them.
        for (const t of TOPOLOGY) if (node[t]) labels[t] = node[t];
        labels['kubernetes.io/hostname'] = nodeName;
      }
      return labels;
    });
    for (const dr of ctx.snapshot.of(GK.DestinationRule)) {
      const spec = rec(dr.object.spec) ?? {};
      const host = str(spec.host) ?? '';
      const svc = findDestination(nsOf(dr), arr(spec.exportTo), host, hosts);
      if (!svc) {
        ctx.report('UnknownDestinationRuleHost', dr, ['spec', 'host'], [host], ['KIA0202']);
        continue;
      }
      arr(spec.subsets).forEach((subset, i) => {
        const selector = { ...(svc.workloadSelector ?? {}), ...(strMap(dig(subset, 'labels')) ?? {}) };
        if (podLabels.some((l) => labelsMatch(selector, l))) return;
        ctx.report('DestinationRuleSubsetNotSelectPods', dr, ['spec', 'subsets', i], [str(dig(subset, 'name')) ?? ''], ['KIA0203']);
      });
    }
  },
};
