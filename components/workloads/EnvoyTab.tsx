'use client';

import Link from 'next/link';
import type { ConfigResource, ConfigResourceAnswer, WorkloadDetail } from '@/lib/api/workloads';
import { Badge, type Tone } from '../ui/Badge';
import { Select } from '../ui/Select';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { TextInput } from '../ui/TextInput';
import { useConfigDump, useProxyConfig } from '../data/use-workloads';
import { useUrlParams } from './use-url-params';

const VIEWS = ['routes', 'clusters', 'listeners', 'endpoints', 'raw'] as const;
type View = (typeof VIEWS)[number];

const SYNC_TONE: Record<string, Tone> = { SYNCED: 'ok', STALE: 'warn', 'NOT SENT': 'err', UNKNOWN: 'muted' };

/** The Envoy tab: the proxy's routes, clusters, listeners and endpoints as it holds them, the raw dump, its sync state. */
export function EnvoyTab({ w }: { w: WorkloadDetail }) {
  const [params, set] = useUrlParams();
  const proxied = w.pods.filter((p) => p.sidecar);
  const pod = proxied.find((p) => p.name === params.get('pod')) ?? proxied[0];
  const view: View = (VIEWS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as View) : 'routes';
  const q = params.get('eq') ?? '';
  const table = useProxyConfig(w.namespace, view === 'raw' ? undefined : pod?.name, (view === 'raw' ? 'routes' : view) as ConfigResource);
  const sync = useProxyConfig(w.namespace, pod?.name, 'clusters');
  const raw = useConfigDump(w.namespace, pod?.name, view === 'raw');
  if (!pod) return <EmptyState title="No Envoy proxy" detail="No pod of this workload has an istio-proxy sidecar, so there is no proxy config to show." />;
  const s = sync.data?.sync;
  return (
    <div className="wl-envoy">
      <div className="ui-toolbar">
        {proxied.length > 1 ? <Select label="Pod" value={pod.name} options={proxied.map((p) => ({ value: p.name, label: p.name }))} onChange={(v) => set({ pod: v })} /> : <span className="mono wl-muted">{pod.name}</span>}
        <div role="tablist" aria-label="Proxy config" className="wl-subtabs">
          {VIEWS.map((v) => (
            <button key={v} role="tab" type="button" aria-selected={view === v} className="wl-tab" onClick={() => set({ view: v === 'routes' ? undefined : v })} data-testid={`envoy-view-${v}`}>{v === 'raw' ? 'config dump' : v}</button>
          ))}
        </div>
        {view !== 'raw' ? <TextInput label="Filter" hideLabel placeholder="Filter rows…" value={q} onChange={(e) => set({ eq: e.target.value })} data-testid="envoy-filter" /> : null}
        <span className="ui-toolbar-sep" />
        {s ? <span data-testid="sync-state"><Badge tone={SYNC_TONE[s.state] ?? 'muted'} title={s.reason}>{s.state}</Badge> <span className="wl-muted">{s.reason}</span></span> : null}
      </div>
      {view === 'raw' ? (
        raw.isPending ? <LoadingState label="Reading the config dump…" /> : raw.error ? <ErrorState error={raw.error} onRetry={() => void raw.refetch()} /> : (
          <pre className="wl-raw" tabIndex={0} aria-label="Config dump" data-testid="config-dump">{JSON.stringify(raw.data, null, 2)}</pre>
        )
      ) : table.isPending ? <LoadingState label={`Reading ${view}…`} /> : table.error ? <ErrorState error={table.error} onRetry={() => void table.refetch()} /> : (
        <div className="wl-scroll"><ConfigTable answer={table.data} filter={q} namespace={w.namespace} /></div>
      )}
    </div>
  );
}

const has = (q: string, ...parts: (string | number | undefined)[]) => !q || parts.some((p) => p !== undefined && String(p).toLowerCase().includes(q.toLowerCase()));

function ConfigTable({ answer, filter, namespace }: { answer: ConfigResourceAnswer; filter: string; namespace: string }) {
  const note = answer.truncated ? <p className="wl-muted">Only the first {answer.items.length} rows are shown.</p> : null;
  if (answer.resource === 'routes') {
    const rows = answer.items.filter((r) => has(filter, r.routeConfig, r.virtualHost, r.match, r.name, r.virtualService, ...r.domains, ...r.clusters.map((c) => c.name)));
    return (
      <>{note}<table className="ui-table" data-testid="envoy-routes">
        <thead><tr><th scope="col">Route config</th><th scope="col">Virtual host</th><th scope="col">Match</th><th scope="col">Destinations (weight)</th><th scope="col">Timeout</th><th scope="col">Retries</th><th scope="col">Fault / mirror</th><th scope="col">VirtualService</th></tr></thead>
        <tbody>{rows.map((r, i) => (
          <tr key={`${r.routeConfig}/${r.virtualHost}/${i}`} data-testid="envoy-route-row" data-vhost={r.virtualHost}>
            <td className="mono">{r.routeConfig}</td>
            <td className="mono" title={r.domains.join('\n')}>{r.virtualHost}</td>
            <td className="mono">{r.match}</td>
            <td>{r.action !== 'route' ? <Badge tone="muted">{r.action}</Badge> : (
              <ul className="wl-weights">{r.clusters.map((c) => (
                <li key={c.name} data-testid="route-destination"><span className="wl-bar" style={{ width: `${Math.max(2, c.weight * 0.8)}px` }} aria-hidden="true" /> <span className="mono">{c.name}</span> <strong>{c.weight}%</strong></li>
              ))}</ul>
            )}</td>
            <td className="mono">{r.timeout === '0s' ? 'none' : (r.timeout ?? '—')}</td>
            <td className="mono">{r.retries ? `${r.retries.attempts}× ${r.retries.retryOn}${r.retries.perTryTimeout ? ` per try ${r.retries.perTryTimeout}` : ''}` : 'none'}</td>
            <td>{r.fault?.abortStatus !== undefined ? <Badge tone="err">abort {r.fault.abortStatus} @{r.fault.abortPercent}%</Badge> : null}{r.fault?.delay ? <Badge tone="warn">delay {r.fault.delay} @{r.fault.delayPercent}%</Badge> : null}{r.mirror ? <Badge tone="info">mirror {r.mirror.percent}%</Badge> : null}</td>
            <td>{r.virtualService ? <Link href={`/config/${encodeURIComponent(r.virtualService.split('/')[0] ?? namespace)}/VirtualService/${encodeURIComponent(r.virtualService.split('/')[1] ?? '')}`}>{r.virtualService}</Link> : <span className="wl-muted">{r.name === 'default' ? 'Istio default' : '—'}</span>}</td>
          </tr>
        ))}</tbody>
      </table></>
    );
  }
  if (answer.resource === 'clusters') {
    const rows = answer.items.filter((c) => has(filter, c.name, c.destinationRule, c.type));
    return (
      <>{note}<table className="ui-table" data-testid="envoy-clusters">
        <thead><tr><th scope="col">Service FQDN</th><th scope="col" className="num">Port</th><th scope="col">Subset</th><th scope="col">Direction</th><th scope="col">Type</th><th scope="col">DestinationRule</th><th scope="col">Policy</th></tr></thead>
        <tbody>{rows.map((c) => (
          <tr key={c.name}><td className="mono" title={c.name}>{c.service}</td><td className="num">{c.port ?? '—'}</td><td>{c.subset || '—'}</td><td>{c.direction}</td><td>{c.type}</td><td>{c.destinationRule ?? '—'}</td>
            <td>{c.mtls ? <Badge tone="ok">mTLS</Badge> : null}{c.outlierDetection ? <Badge tone="info">outlier detection</Badge> : null}<span className="wl-muted">{[c.lbPolicy, c.connectTimeout ? `connect ${c.connectTimeout}` : undefined].filter(Boolean).join(' · ')}</span></td></tr>
        ))}</tbody>
      </table></>
    );
  }
  if (answer.resource === 'listeners') {
    const rows = answer.items.filter((l) => has(filter, l.name, l.address, l.port, ...l.chains.map((c) => c.destination)));
    return (
      <>{note}<table className="ui-table" data-testid="envoy-listeners">
        <thead><tr><th scope="col">Name</th><th scope="col">Address</th><th scope="col" className="num">Port</th><th scope="col">Direction</th><th scope="col">Filter chains → destination</th></tr></thead>
        <tbody>{rows.map((l) => (
          <tr key={l.name}><td className="mono">{l.name}</td><td className="mono">{l.address}</td><td className="num">{l.port ?? '—'}</td><td>{l.direction}</td>
            <td><ul className="wl-list">{l.chains.map((c, i) => <li key={i} className="mono">{c.match} → {c.destination}</li>)}</ul></td></tr>
        ))}</tbody>
      </table></>
    );
  }
  const rows = answer.items.filter((e) => has(filter, e.cluster, e.address, e.workload));
  return (
    <>{note}<table className="ui-table" data-testid="envoy-endpoints">
      <thead><tr><th scope="col">Endpoint</th><th scope="col">Status</th><th scope="col">Workload</th><th scope="col">Cluster</th></tr></thead>
      <tbody>{rows.map((e, i) => (
        <tr key={`${e.cluster}/${e.address}/${i}`}><td className="mono">{e.address}</td><td><Badge tone={e.health === 'HEALTHY' ? 'ok' : 'err'}>{e.health}</Badge></td><td>{e.workload ?? '—'}</td><td className="mono">{e.cluster}</td></tr>
      ))}</tbody>
    </table></>
  );
}
