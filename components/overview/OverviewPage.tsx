'use client';

import Link from 'next/link';
import type { Overview } from '../data/schemas';
import { useOverview } from '../data/use-overview';
import { useOverviewTraffic } from '../data/use-traffic-figures';
import { PageHeader } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';
import { Stat } from '../ui/Stat';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { ConfigSourceNote } from './ConfigSourceNote';
import { DemoStatus } from './DemoStatus';
import { NamespacePanel } from './NamespacePanel';
import { ScrapeTargetsPanel } from './ScrapeTargetsPanel';
import { summarizeOverview } from './overview-summary';

/** Home: is the mesh (or demo) there, what runs in it, and is telemetry flowing. */
export function OverviewPage() {
  const q = useOverview();
  return (
    <div className="page">
      <PageHeader
        title="Overview"
        description="Namespaces, workloads and telemetry health of the mesh."
        actions={
          <Link className="ui-btn ui-btn-primary" href="/graph?namespaces=bookinfo&graphType=versionedApp&duration=60s">
            Open graph
          </Link>
        }
      />
      {q.isPending ? (
        <Panel>
          <LoadingState label="Loading mesh overview…" />
        </Panel>
      ) : q.isError ? (
        <Panel>
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        </Panel>
      ) : (
        <OverviewBody data={q.data} />
      )}
      <div className="ov-section">
        <ScrapeTargetsPanel names={targetNames(q.data)} />
      </div>
    </div>
  );
}

/** Loopback port → `namespace/workload`, to name the demo's scrape targets. */
function targetNames(o: Overview | undefined): Map<string, string> | undefined {
  if (!o) return undefined;
  const m = new Map<string, string>();
  for (const ns of o.namespaces) for (const w of ns.workloads) if (w.port !== undefined) m.set(String(w.port), `${ns.name}/${w.name}`);
  return m;
}

function OverviewBody({ data }: { data: NonNullable<ReturnType<typeof useOverview>['data']> }) {
  const s = summarizeOverview(data);
  // Each namespace card's live traffic and health: lib/traffic's figures over the last minute, from the server.
  const q = useOverviewTraffic(data.namespaces.map((n) => n.name), '60s');
  const traffic = q.data ? new Map(q.data.namespaces.map((n) => [n.namespace, n])) : undefined;
  return (
    <>
      <DemoStatus running={data.demo.running} gatewayUrl={data.demo.gatewayUrl} />
      <ConfigSourceNote source={data.configSource} />
      <div className="ui-panel ov-stats" role="group" aria-label="Mesh summary">
        <Stat label="Namespaces" value={s.namespaces} testId="stat-namespaces" />
        <Stat label="Apps" value={s.apps} testId="stat-apps" />
        <Stat label="Workloads" value={s.workloads} testId="stat-workloads" />
        <Stat
          label="Sidecars"
          value={`${s.withSidecar}/${s.workloads}`}
          hint={s.workloads - s.withSidecar > 0 ? `${s.workloads - s.withSidecar} outside the mesh` : 'all in the mesh'}
          testId="stat-sidecars"
        />
        <Stat label="Services" value={s.services} testId="stat-services" />
        <Stat label="Istio objects" value={s.istioObjects} testId="stat-istio" />
      </div>
      {data.namespaces.length === 0 ? (
        <Panel>
          <EmptyState
            title="No namespaces"
            detail="Meshlens sees no workloads. Start it with --demo, or configure --kubeconfig / --config-dir."
          />
        </Panel>
      ) : (
        <div className="ov-namespaces">
          {data.namespaces.map((ns) => (
            <NamespacePanel key={ns.name} ns={ns} traffic={traffic?.get(ns.name)} trafficKnown={traffic !== undefined} />
          ))}
        </div>
      )}
    </>
  );
}
