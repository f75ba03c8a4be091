import type { Overview } from '../data/schemas';

export interface OverviewSummary {
  namespaces: number;
  workloads: number;
  withSidecar: number;
  apps: number;
  tcpWorkloads: number;
}

/** Counts for the summary strip. Apps are distinct (namespace, app) pairs, as Kiali counts them. */
export function summarizeOverview(o: Overview): OverviewSummary {
  const apps = new Set<string>();
  let workloads = 0;
  let withSidecar = 0;
  let tcpWorkloads = 0;
  for (const ns of o.namespaces) {
    for (const w of ns.workloads) {
      workloads++;
      if (w.sidecar) withSidecar++;
      if (w.protocol === 'tcp') tcpWorkloads++;
      apps.add(`${ns.name}/${w.app}`);
    }
  }
  return { namespaces: o.namespaces.length, workloads, withSidecar, apps: apps.size, tcpWorkloads };
}
