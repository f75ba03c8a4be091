'use client';

import Link from 'next/link';
import { Badge } from '../ui/Badge';
import { PageHeader } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { formatPercent, formatRate } from '../ui/format';
import { useApp } from '../data/use-workloads';
import { HealthCell, SidecarBadge, ValidationBadge } from '../workloads/HealthCell';
import { appTraffic, useWorkloadTraffic } from '../workloads/workload-traffic';

/** `/applications/{ns}/{app}`: the app's workloads (one per version) with their traffic, services and Istio config. */
export function AppPage({ namespace, app }: { namespace: string; app: string }) {
  const q = useApp(namespace, app);
  const traffic = useWorkloadTraffic([namespace]);
  if (q.isPending) return <div className="page"><LoadingState label="Loading application…" /></div>;
  if (q.error) return <div className="page"><PageHeader title={app} description={`Application in ${namespace}`} /><ErrorState error={q.error} onRetry={() => void q.refetch()} /></div>;
  const a = q.data;
  const per = a.workloads.map((w) => ({ w, t: traffic.byWorkload.get(`${namespace}/${w.name}`) }));
  const total = appTraffic(per.map((p) => p.t));
  return (
    <div className="page wl-page">
      <nav className="wl-crumbs" aria-label="Breadcrumb"><Link href="/applications">Applications</Link> / {namespace} / <strong>{app}</strong></nav>
      <PageHeader title={app} description={<>Application in <strong>{namespace}</strong> · {a.versions.length} version{a.versions.length === 1 ? '' : 's'}</>}
        actions={<span className="wl-header-badges"><HealthCell traffic={total} loading={traffic.isPending} /> <SidecarBadge state={a.sidecar.state} reason={a.sidecar.reason} /> <ValidationBadge v={a.validations} /></span>} />
      <div className="wl-grid">
        <Panel title="Workloads by version" flush className="wl-wide">
          <table className="ui-table" data-testid="app-workloads">
            <thead><tr><th scope="col">Workload</th><th scope="col">Version</th><th scope="col">Health</th><th scope="col" className="num">Pods</th><th scope="col" className="num">Req/s in</th><th scope="col" className="num">Errors in</th><th scope="col" className="num">Req/s out</th><th scope="col" className="num">Errors out</th></tr></thead>
            <tbody>{per.map(({ w, t }) => (
              <tr key={w.name}>
                <td><Link href={`/workloads/${encodeURIComponent(namespace)}/${encodeURIComponent(w.name)}`}>{w.name}</Link></td>
                <td>{w.version ? <Badge tone="muted">{w.version}</Badge> : '—'}</td>
                <td><HealthCell traffic={t} loading={traffic.isPending} /></td>
                <td className="num">{w.readyPodCount}/{w.podCount}</td>
                <td className="num">{formatRate(t?.inRps)}</td><td className="num">{t && t.inRps > 0 ? formatPercent(t.inErrPct) : '—'}</td>
                <td className="num">{formatRate(t?.outRps)}</td><td className="num">{t && t.outRps > 0 ? formatPercent(t.outErrPct) : '—'}</td>
              </tr>
            ))}</tbody>
          </table>
        </Panel>
        <Panel title="Services">
          {a.serviceNames.length === 0 ? <EmptyState compact title="No service selects this app" /> : <ul className="wl-list">{a.serviceNames.map((s) => <li key={s}><Link href={`/services/${encodeURIComponent(namespace)}/${encodeURIComponent(s)}`}>{s}</Link></li>)}</ul>}
          <p className="wl-muted"><Link href={`/graph?namespaces=${encodeURIComponent(namespace)}&graphType=versionedApp&duration=60s`}>Graph</Link> · <Link href={`/traces?service=${encodeURIComponent(`${app}.${namespace}`)}`}>Traces</Link></p>
        </Panel>
        <Panel title="Istio config that applies" flush>
          {a.istioConfig.length === 0 ? <EmptyState compact title="No Istio config applies" /> : (
            <table className="ui-table"><thead><tr><th scope="col">Object</th><th scope="col">Why</th><th scope="col">Validation</th></tr></thead>
              <tbody>{a.istioConfig.map((c) => (
                <tr key={`${c.kind}/${c.namespace}/${c.name}`}>
                  <td><Link href={`/config/${encodeURIComponent(c.namespace)}/${encodeURIComponent(c.kind)}/${encodeURIComponent(c.name)}`}>{c.kind} {c.namespace}/{c.name}</Link></td>
                  <td className="wl-muted">{c.reason}</td>
                  <td>{c.validations.length === 0 ? <Badge tone="ok">valid</Badge> : c.validations.map((m) => <Badge key={`${m.code}${m.path ?? ''}`} tone={m.level === 'Error' ? 'err' : m.level === 'Warning' ? 'warn' : 'info'} title={m.message}>{m.code}</Badge>)}</td>
                </tr>
              ))}</tbody></table>
          )}
        </Panel>
      </div>
    </div>
  );
}
