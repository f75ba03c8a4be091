'use client';

import Link from 'next/link';
import type { KeyboardEvent } from 'react';
import { Badge } from '../ui/Badge';
import { PageHeader } from '../ui/PageHeader';
import { ErrorState, LoadingState } from '../ui/States';
import { useWorkload } from '../data/use-workloads';
import { EnvoyTab } from './EnvoyTab';
import { HealthCell, SidecarBadge, ValidationBadge } from './HealthCell';
import { LogsTab } from './LogsTab';
import { WorkloadOverview } from './WorkloadOverview';
import { useUrlParams } from './use-url-params';
import { useWorkloadTraffic } from './workload-traffic';

const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'logs', label: 'Logs' },
  { id: 'envoy', label: 'Envoy' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/** `/workloads/{ns}/{workload}`: overview, logs (app and proxy interleaved) and the proxy's Envoy config. */
export function WorkloadPage({ namespace, workload }: { namespace: string; workload: string }) {
  const [params, set] = useUrlParams();
  const q = useWorkload(namespace, workload);
  const traffic = useWorkloadTraffic([namespace]);
  const tab: Tab = (TABS.find((t) => t.id === params.get('tab'))?.id ?? 'overview') as Tab;
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
    const i = TABS.findIndex((t) => t.id === tab);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : undefined;
    if (next) {
      e.preventDefault();
      set({ tab: next.id === 'overview' ? undefined : next.id });
      document.getElementById(`wl-tab-${next.id}`)?.focus();
    }
  };
  if (q.isPending) return <div className="page"><LoadingState label="Loading workload…" /></div>;
  if (q.error) return <div className="page"><PageHeader title={workload} description={`Workload in ${namespace}`} /><ErrorState error={q.error} onRetry={() => void q.refetch()} /></div>;
  const w = q.data;
  const t = traffic.byWorkload.get(`${namespace}/${workload}`);
  return (
    <div className="page wl-page">
      <nav className="wl-crumbs" aria-label="Breadcrumb"><Link href="/workloads">Workloads</Link> / {namespace} / <strong>{workload}</strong></nav>
      <PageHeader
        title={workload}
        description={<>Workload in <strong>{namespace}</strong>{w.app ? <> · app <Link href={`/applications/${encodeURIComponent(namespace)}/${encodeURIComponent(w.app)}`}>{w.app}</Link></> : null}</>}
        actions={<span className="wl-header-badges"><HealthCell traffic={t} loading={traffic.isPending} /> <SidecarBadge state={w.sidecar.state} reason={w.sidecar.reason} /> <ValidationBadge v={w.validations} /> <Badge tone="muted">{w.source}</Badge></span>}
      />
      <div role="tablist" aria-label="Workload views" className="wl-tabs" onKeyDown={onKey}>
        {TABS.map((x) => (
          <button key={x.id} id={`wl-tab-${x.id}`} role="tab" type="button" aria-selected={tab === x.id} aria-controls={`wl-panel-${x.id}`} tabIndex={tab === x.id ? 0 : -1} className="wl-tab" onClick={() => set({ tab: x.id === 'overview' ? undefined : x.id })}>
            {x.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`wl-panel-${tab}`} aria-labelledby={`wl-tab-${tab}`} className="wl-panel">
        {tab === 'overview' ? <WorkloadOverview w={w} traffic={t} /> : tab === 'logs' ? <LogsTab w={w} /> : <EnvoyTab w={w} />}
      </div>
    </div>
  );
}
