import type { OverviewNamespace } from '../data/schemas';

export interface OverviewSummary {
  namespaces: number;
  workloads: number;
  withSidecar: number;
  apps: number;
  services: number;
  istioObjects: number;
}

type SummaryInput = {
  namespaces: (Pick<OverviewNamespace, 'name' | 'services' | 'istioConfig'> & {
    workloads: Pick<OverviewNamespace['workloads'][number], 'app' | 'sidecar'>[];
  })[];
};

/** Counts for the summary strip. Apps are distinct (namespace, app) pairs, as Kiali counts them. */
export function summarizeOverview(o: SummaryInput): OverviewSummary {
  const apps = new Set<string>();
  const s: OverviewSummary = { namespaces: o.namespaces.length, workloads: 0, withSidecar: 0, apps: 0, services: 0, istioObjects: 0 };
  for (const ns of o.namespaces) {
    s.services += ns.services.length;
    for (const n of Object.values(ns.istioConfig)) s.istioObjects += n;
    for (const w of ns.workloads) {
      s.workloads++;
      if (w.sidecar) s.withSidecar++;
      apps.add(`${ns.name}/${w.app}`);
    }
  }
  s.apps = apps.size;
  return s;
}
