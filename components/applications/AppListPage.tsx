'use client';

import Link from 'next/link';
import { Badge } from '../ui/Badge';
import { PageHeader } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';
import { Select } from '../ui/Select';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { TextInput } from '../ui/TextInput';
import { formatPercent, formatRate } from '../ui/format';
import { useAppLists } from '../data/use-workloads';
import { HealthCell, SidecarBadge, ValidationBadge } from '../workloads/HealthCell';
import { filterSort, SORT_KEYS, type SortKey } from '../workloads/list-model';
import { NamespaceFilter, useListNamespaces } from '../workloads/NamespaceFilter';
import { useUrlParams } from '../workloads/use-url-params';
import { appTraffic, useWorkloadTraffic } from '../workloads/workload-traffic';

const SORT_OPTIONS = SORT_KEYS.map((k) => ({ value: k, label: k === 'rps' ? 'request rate' : k === 'errors' ? 'error rate' : k }));

/** `/applications`: workloads grouped by their `app` label, with versions, health, rates and config state. */
export function AppListPage() {
  const [params, set] = useUrlParams();
  const namespaces = useListNamespaces(params.get('namespaces'));
  const lists = useAppLists(namespaces);
  const traffic = useWorkloadTraffic(namespaces);
  const sort = (SORT_KEYS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as SortKey) : 'health';
  const q = params.get('q') ?? '';
  const pending = namespaces.length === 0 || lists.some((l) => l.isPending);
  const failed = lists.find((l) => l.error);
  const apps = lists.flatMap((l) => l.data?.applications ?? []).map((a) => {
    const t = appTraffic(a.workloads.map((w) => traffic.byWorkload.get(`${a.namespace}/${w.name}`)));
    return { ...a, traffic: t, ...(t?.health ? { health: t.health } : {}), rps: t?.inRps ?? 0, errPct: t?.inErrPct ?? 0, searchable: [...a.versions, ...a.serviceNames, ...a.workloads.map((w) => w.name)] };
  });
  const rows = filterSort(apps, q, sort);
  return (
    <div className="page wl-page">
      <PageHeader title="Applications" description="Workloads grouped by their app label: versions side by side, health from the graph." />
      <div className="ui-toolbar wl-toolbar">
        <TextInput label="Filter" hideLabel placeholder="Filter by name, version, service…" value={q} onChange={(e) => set({ q: e.target.value })} />
        <Select label="Sort by" value={sort} options={SORT_OPTIONS} onChange={(v) => set({ sort: v })} />
        <span className="ui-toolbar-sep" />
        <NamespaceFilter selected={(params.get('namespaces') ?? '').split(',').filter(Boolean)} onChange={(next) => set({ namespaces: next.join(',') })} />
      </div>
      {pending ? <LoadingState label="Loading applications…" /> : failed ? <ErrorState error={failed.error} onRetry={() => void failed.refetch()} /> : rows.length === 0 ? (
        <EmptyState title={q ? 'No application matches the filter' : 'No applications'} detail={q ? `Nothing matches “${q}”.` : 'No workload in the chosen namespaces has an app label.'} />
      ) : (
        <Panel flush title={`${rows.length} application${rows.length === 1 ? '' : 's'}`}>
          <table className="ui-table" data-testid="app-table">
            <thead><tr><th scope="col">Name</th><th scope="col">Namespace</th><th scope="col">Health</th><th scope="col">Sidecar</th><th scope="col">Versions</th><th scope="col">Workloads</th><th scope="col" className="num">Req/s in</th><th scope="col" className="num">Errors in</th><th scope="col">Services</th><th scope="col">Validation</th></tr></thead>
            <tbody>
              {rows.map((a) => (
                <tr key={`${a.namespace}/${a.name}`} data-testid={`app-row-${a.name}`}>
                  <td><Link href={`/applications/${encodeURIComponent(a.namespace)}/${encodeURIComponent(a.name)}`}>{a.name}</Link></td>
                  <td>{a.namespace}</td>
                  <td><HealthCell traffic={a.traffic} loading={traffic.isPending} /></td>
                  <td><SidecarBadge state={a.sidecar.state} reason={a.sidecar.reason} /></td>
                  <td>{a.versions.map((v) => <Badge key={v} tone="muted">{v}</Badge>)}</td>
                  <td>{a.workloads.map((w) => <Link key={w.name} href={`/workloads/${encodeURIComponent(a.namespace)}/${encodeURIComponent(w.name)}`} className="wl-inline">{w.name}</Link>)}</td>
                  <td className="num">{formatRate(a.traffic?.inRps)}</td>
                  <td className="num">{a.traffic && a.traffic.inRps > 0 ? formatPercent(a.traffic.inErrPct) : '—'}</td>
                  <td>{a.serviceNames.join(', ') || '—'}</td>
                  <td><ValidationBadge v={a.validations} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      )}
    </div>
  );
}
