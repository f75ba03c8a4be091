'use client';

import Link from 'next/link';
import { Badge } from '../ui/Badge';
import { PageHeader } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';
import { Select } from '../ui/Select';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { TextInput } from '../ui/TextInput';
import { formatPercent, formatRate } from '../ui/format';
import { useWorkloadLists } from '../data/use-workloads';
import { HealthCell, SidecarBadge, ValidationBadge } from './HealthCell';
import { filterSort, SORT_KEYS, type SortKey } from './list-model';
import { NamespaceFilter, useListNamespaces } from './NamespaceFilter';
import { useUrlParams } from './use-url-params';
import { useWorkloadTraffic } from './workload-traffic';

const SORT_OPTIONS = SORT_KEYS.map((k) => ({ value: k, label: k === 'rps' ? 'request rate' : k === 'errors' ? 'error rate' : k }));

/** `/workloads`: every workload of the chosen namespaces with health, sidecar, versions, rates and config state. */
export function WorkloadListPage() {
  const [params, set] = useUrlParams();
  const namespaces = useListNamespaces(params.get('namespaces'));
  const lists = useWorkloadLists(namespaces);
  const traffic = useWorkloadTraffic(namespaces);
  const sort = (SORT_KEYS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as SortKey) : 'health';
  const q = params.get('q') ?? '';
  const pending = namespaces.length === 0 || lists.some((l) => l.isPending);
  const failed = lists.find((l) => l.error);
  const workloads = lists.flatMap((l) => l.data?.workloads ?? []).map((w) => {
    const t = traffic.byWorkload.get(`${w.namespace}/${w.name}`);
    return { ...w, traffic: t, ...(t?.health ? { health: t.health } : {}), rps: t?.inRps ?? 0, errPct: Math.max(t?.inErrPct ?? 0, t?.outErrPct ?? 0), searchable: [...Object.entries(w.labels).map(([k, v]) => `${k}=${v}`), ...w.services, ...w.istioReferences.map((r) => r.kind)] };
  });
  const rows = filterSort(workloads, q, sort);
  return (
    <div className="page wl-page">
      <PageHeader title="Workloads" description="Deployments and their pods: health from the graph, sidecars, versions, traffic and the Istio config that applies." />
      <div className="ui-toolbar wl-toolbar">
        <TextInput label="Filter" hideLabel placeholder="Filter by name, label, service…" value={q} onChange={(e) => set({ q: e.target.value })} data-testid="workload-filter" />
        <Select label="Sort by" value={sort} options={SORT_OPTIONS} onChange={(v) => set({ sort: v })} />
        <span className="ui-toolbar-sep" />
        <NamespaceFilter selected={(params.get('namespaces') ?? '').split(',').filter(Boolean)} onChange={(next) => set({ namespaces: next.join(',') })} />
      </div>
      {pending ? (
        <LoadingState label="Loading workloads…" />
      ) : failed ? (
        <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={q ? 'No workload matches the filter' : 'No workloads'} detail={q ? `Nothing in ${namespaces.join(', ')} matches “${q}”.` : 'The chosen namespaces have no Deployments or pods.'} />
      ) : (
        <Panel flush title={`${rows.length} workload${rows.length === 1 ? '' : 's'}`}>
          <table className="ui-table" data-testid="workload-table">
            <thead>
              <tr>
                <th scope="col">Name</th><th scope="col">Namespace</th><th scope="col">Health</th><th scope="col">Sidecar</th><th scope="col">App / version</th>
                <th scope="col" className="num">Pods</th><th scope="col" className="num">Req/s in</th><th scope="col" className="num">Errors in</th><th scope="col" className="num">Errors out</th>
                <th scope="col">Config</th><th scope="col">Validation</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((w) => (
                <tr key={`${w.namespace}/${w.name}`} data-testid={`workload-row-${w.name}`}>
                  <td><Link href={`/workloads/${encodeURIComponent(w.namespace)}/${encodeURIComponent(w.name)}`}>{w.name}</Link></td>
                  <td>{w.namespace}</td>
                  <td><HealthCell traffic={w.traffic} loading={traffic.isPending} /></td>
                  <td><SidecarBadge state={w.sidecar.state} reason={w.sidecar.reason} /></td>
                  <td>{w.app ? <Badge tone="muted">app={w.app}</Badge> : null} {w.version ? <Badge tone="muted">version={w.version}</Badge> : null}</td>
                  <td className="num" title={w.notReadyReason}>{w.readyPodCount}/{w.podCount}</td>
                  <td className="num">{formatRate(w.traffic?.inRps)}</td>
                  <td className="num">{w.traffic && w.traffic.inRps > 0 ? formatPercent(w.traffic.inErrPct) : '—'}</td>
                  <td className="num">{w.traffic && w.traffic.outRps > 0 ? formatPercent(w.traffic.outErrPct) : '—'}</td>
                  <td>{[...new Set(w.istioReferences.map((r) => r.kind))].map((k) => <Badge key={k} tone="info" title={w.istioReferences.filter((r) => r.kind === k).map((r) => `${r.namespace}/${r.name} (${r.reason})`).join('\n')}>{abbrev(k)}</Badge>)}</td>
                  <td><ValidationBadge v={w.validations} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      )}
    </div>
  );
}

/** Kiali's short names for config kinds on badges. */
export function abbrev(kind: string): string {
  const m: Record<string, string> = { VirtualService: 'VS', DestinationRule: 'DR', PeerAuthentication: 'PA', AuthorizationPolicy: 'AP', Gateway: 'GW', Sidecar: 'SC', ServiceEntry: 'SE', RequestAuthentication: 'RA', EnvoyFilter: 'EF' };
  return m[kind] ?? kind;
}
