import type { Analyzer } from '../analyzer';
import type { SourcedObject } from '../model';
import { arr, dig, str } from '../read';
import { GK, nsOf } from '../snapshot';

/**
 * A Service that exists in several clusters of one mesh is merged into one host, so its type, headless mode and
 * ports must agree everywhere (IST0170). Only objects tagged with a cluster take part.
 */
export const multiClusterServiceAnalyzer: Analyzer = {
  name: 'services.MultiClusterServiceAnalyzer',
  description: 'Services differ between clusters',
  run(ctx) {
    const byName = new Map<string, SourcedObject[]>();
    for (const s of ctx.snapshot.of(GK.Service)) {
      if (!s.cluster) continue;
      const k = `${nsOf(s)}/${s.object.metadata.name}`;
      byName.set(k, [...(byName.get(k) ?? []), s]);
    }
    for (const list of byName.values()) {
      const clusters = new Set(list.map((s) => s.cluster));
      if (clusters.size < 2) continue;
      const [first, ...rest] = list as [SourcedObject, ...SourcedObject[]];
      const headless = (s: SourcedObject) => str(dig(s.object.spec, 'clusterIP')) === 'None';
      const reasons = new Set<string>();
      const inconsistent = new Set<string>();
      for (const s of rest) {
        if (headless(s) !== headless(first)) {
          reasons.add('service has mixed mode like headless and clusterIP');
          list.forEach((x) => inconsistent.add(x.cluster ?? ''));
        }
        if ((str(dig(s.object.spec, 'type')) ?? '') !== (str(dig(first.object.spec, 'type')) ?? '')) {
          reasons.add('service type is inconsistent');
          inconsistent.add(s.cluster ?? '');
        }
        if (portsKey(s) !== portsKey(first)) {
          reasons.add('service ports are inconsistent');
          inconsistent.add(s.cluster ?? '');
        }
      }
      if (inconsistent.size === 0) continue;
      inconsistent.add(first.cluster ?? '');
      ctx.report('MultiClusterInconsistentService', first, ['spec'], [first.object.metadata.name, nsOf(first), [...inconsistent].sort(), [...reasons].sort().join('; ')]);
    }
  },
};

/** Ports compared regardless of order (sorted by name), every field included. */
function portsKey(s: SourcedObject): string {
  const ports = arr(dig(s.object.spec, 'ports')).map((p) => JSON.stringify(p, Object.keys((p ?? {}) as object).sort()));
  return JSON.stringify(ports.sort());
}
