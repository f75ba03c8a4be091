import Link from 'next/link';
import type { WorkloadDetail } from '@/lib/api/workloads';
import { Badge } from '../ui/Badge';
import { Panel } from '../ui/Panel';
import { EmptyState } from '../ui/States';
import { formatPercent, formatRate } from '../ui/format';
import { ItemCharts } from '../graph/panel/ItemCharts';
import type { WorkloadTraffic } from './workload-traffic';

/** The overview tab: labels, traffic, pods with status, services, notes and the Istio objects with validations. */
export function WorkloadOverview({ w, traffic }: { w: WorkloadDetail; traffic: WorkloadTraffic | undefined }) {
  return (
    <div className="wl-grid">
      <Panel title="Labels and proxy">
        <div className="wl-labels">{Object.entries(w.labels).map(([k, v]) => <Badge key={k} tone="muted">{k}={v}</Badge>)}</div>
        {w.notes.length > 0 ? <ul className="wl-notes">{w.notes.map((n) => <li key={n.message}><Badge tone={n.level === 'Warning' ? 'warn' : 'info'}>{n.level}</Badge> {n.message}</li>)}</ul> : null}
        {w.proxyResources ? (
          <p className="wl-muted">istio-proxy requests {fmtRes(w.proxyResources.requests)}, limits {fmtRes(w.proxyResources.limits)}</p>
        ) : null}
      </Panel>
      <Panel title="Traffic (last 60s)">
        <dl className="ui-kv">
          <dt>Inbound</dt><dd>{formatRate(traffic?.inRps)} req/s, {traffic && traffic.inRps > 0 ? formatPercent(traffic.inErrPct) : '—'} errors</dd>
          <dt>Outbound</dt><dd>{formatRate(traffic?.outRps)} req/s, {traffic && traffic.outRps > 0 ? formatPercent(traffic.outErrPct) : '—'} errors</dd>
          <dt>Health</dt><dd>{traffic?.reason ?? 'no requests in the last 60s'}</dd>
        </dl>
        <p className="wl-muted"><Link href={`/graph?namespaces=${encodeURIComponent(w.namespace)}&graphType=workload&duration=60s`}>Graph</Link> · <Link href={`/traces?service=${encodeURIComponent(`${w.app ?? w.name}.${w.namespace}`)}`}>Traces</Link></p>
      </Panel>
      <Panel title="Metrics (from the graph)" className="wl-wide" data-testid="workload-metrics">
        {traffic?.nodeId ? <ItemCharts id={traffic.nodeId} kind="node" duration="10m" tcp={traffic.tcpOnly ?? false} /> : <EmptyState compact title="No traffic" detail="The graph has no requests to or from this workload in the last 60s." />}
      </Panel>
      <Panel title={`Pods (${w.readyPodCount}/${w.podCount} ready)`} flush className="wl-wide">
        {w.pods.length === 0 ? <EmptyState compact title="No pods" detail={w.notReadyReason ?? 'No pod runs for this workload.'} /> : (
          <table className="ui-table" data-testid="pod-table">
            <thead><tr><th scope="col">Pod</th><th scope="col">Status</th><th scope="col">Containers</th><th scope="col">IP</th><th scope="col">Node</th><th scope="col">Created</th></tr></thead>
            <tbody>
              {w.pods.map((p) => (
                <tr key={p.name}>
                  <td className="mono">{p.name}</td>
                  <td><Badge tone={p.ready ? 'ok' : 'err'} title={p.reason}>{p.ready ? 'Ready' : `Not ready${p.reason ? `: ${p.reason}` : ''}`}</Badge></td>
                  <td>{p.containers.map((c) => <Badge key={c.name} tone={c.ready ? 'muted' : 'warn'} title={`${c.image} · ${c.state} · ${c.restarts} restart(s)`}>{c.name}{c.restarts > 0 ? ` ↻${c.restarts}` : ''}</Badge>)}</td>
                  <td className="mono">{p.podIP ?? '—'}</td><td>{p.nodeName ?? '—'}</td><td>{p.createdAt ? new Date(p.createdAt).toLocaleString() : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel title="Services">
        {w.services.length === 0 ? <EmptyState compact title="No service selects this workload" /> : (
          <ul className="wl-list">{w.services.map((s) => <li key={s}><Link href={`/services/${encodeURIComponent(w.namespace)}/${encodeURIComponent(s)}`}>{s}</Link></li>)}</ul>
        )}
      </Panel>
      <Panel title="Istio config that applies" flush>
        {w.istioConfig.length === 0 ? <EmptyState compact title="No Istio config applies" /> : (
          <table className="ui-table" data-testid="istio-config-table">
            <thead><tr><th scope="col">Object</th><th scope="col">Why</th><th scope="col">Validation</th></tr></thead>
            <tbody>
              {w.istioConfig.map((c) => (
                <tr key={`${c.kind}/${c.namespace}/${c.name}`}>
                  <td><Link href={`/config/${encodeURIComponent(c.namespace)}/${encodeURIComponent(c.kind)}/${encodeURIComponent(c.name)}`}>{c.kind} {c.namespace}/{c.name}</Link></td>
                  <td className="wl-muted">{c.reason}</td>
                  <td>{c.validations.length === 0 ? <Badge tone="ok">valid</Badge> : c.validations.map((m) => <Badge key={`${m.code}${m.path ?? ''}`} tone={m.level === 'Error' ? 'err' : m.level === 'Warning' ? 'warn' : 'info'} title={`${m.message}${m.path ? ` (${m.path})` : ''}`}>{m.code}</Badge>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}

function fmtRes(r: Record<string, string> | undefined): string {
  return r ? Object.entries(r).map(([k, v]) => `${k} ${v}`).join(', ') : 'not set';
}
