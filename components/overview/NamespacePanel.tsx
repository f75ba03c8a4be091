import Link from 'next/link';
import type { Overview } from '../data/schemas';
import { Badge } from '../ui/Badge';
import { formatBytesRate, formatPercent, formatRate } from '../ui/format';
import type { NamespaceTraffic } from '@/lib/api/traffic-figures';
import { Panel } from '../ui/Panel';
import { EmptyState } from '../ui/States';
import { WorkloadTable } from './WorkloadTable';

type Namespace = Overview['namespaces'][number];

/**
 * Live traffic and health of the namespace over the last minute, from the overview traffic endpoint (lib/traffic):
 * requests received at every hop and entry requests (from outside the namespace) said apart, what it sends (a
 * gateway namespace receives nothing it can see but sends), and the worst workload's health with its reason.
 */
function TrafficBadges({ traffic }: { traffic: NamespaceTraffic | undefined }) {
  const t = traffic;
  const inRate = t?.inbound.requests.rate ?? 0;
  const outRate = t?.outbound.requests.rate ?? 0;
  const tcp = (t?.inbound.throughput.tcpBytesPerSec ?? 0) + (t?.outbound.throughput.tcpBytesPerSec ?? 0);
  if (!t || (inRate === 0 && outRate === 0 && tcp === 0)) return <Badge tone="muted">no traffic</Badge>;
  const err = t.inbound.errors.percent ?? t.outbound.errors.percent ?? 0;
  const status = t.health.status;
  return (
    <>
      {inRate > 0 ? (
        <Badge tone="info" title="Requests received by the namespace's workloads and services, every hop counted once per hop">
          <span data-testid={`ns-in-${t.namespace}`}>{formatRate(inRate)} rps in</span>
        </Badge>
      ) : null}
      {inRate > 0 ? (
        <Badge tone="neutral" title="Entry requests: those whose caller is outside this namespace (or outside the mesh)">
          {formatRate(t.entry.rate)} rps entry
        </Badge>
      ) : null}
      {outRate > 0 ? (
        <Badge tone="info" title="Requests the namespace's workloads sent">
          <span data-testid={`ns-out-${t.namespace}`}>{formatRate(outRate)} rps out</span>
        </Badge>
      ) : null}
      {tcp > 0 && inRate === 0 && outRate === 0 ? <Badge tone="info">TCP {formatBytesRate(tcp)}</Badge> : null}
      {inRate > 0 || outRate > 0 ? (
        <Badge tone={status === 'Failure' ? 'err' : status === 'Degraded' ? 'warn' : 'ok'} title={inRate > 0 ? 'Share of the requests received that failed' : 'Share of the requests sent that failed'}>
          <span data-testid={`ns-errors-${t.namespace}`}>{formatPercent(err)} errors</span>
        </Badge>
      ) : null}
      {t.unhealthy.length > 0 ? (
        <Badge tone="warn" title={t.unhealthy.map((u) => `${u.workload}: ${u.health.reason?.text ?? u.health.status}`).join('\n')}>
          {t.unhealthy.length} unhealthy
        </Badge>
      ) : null}
    </>
  );
}

function IstioConfigChips({ ns, counts }: { ns: string; counts: Record<string, number> }) {
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  if (entries.length === 0) return <span className="ov-faint">No Istio config</span>;
  return (
    <>
      {entries.map(([kind, n]) => (
        <Link key={kind} href={`/config?namespaces=${encodeURIComponent(ns)}`} className="ov-chip">
          {n} {kind}
        </Link>
      ))}
    </>
  );
}

/** A namespace card: its workloads and a link to its graph. */
export function NamespacePanel({ ns, traffic, trafficKnown }: { ns: Namespace; traffic?: NamespaceTraffic; trafficKnown: boolean }) {
  const sidecars = ns.workloads.filter((w) => w.sidecar).length;
  return (
    <Panel
      title={ns.name}
      flush
      data-testid={`namespace-${ns.name}`}
      extra={
        <>
          {trafficKnown ? <TrafficBadges traffic={traffic} /> : null}
          <span>
            {ns.workloads.length} workload{ns.workloads.length === 1 ? '' : 's'} · {sidecars}/{ns.workloads.length} with sidecar
          </span>
          <Link className="ui-btn" href={`/graph?namespaces=${encodeURIComponent(ns.name)}&graphType=versionedApp&duration=60s`}>
            Graph
          </Link>
        </>
      }
    >
      {trafficKnown && traffic?.health.reason ? (
        <p className="ov-reason" role="note" data-testid={`ns-reason-${ns.name}`}>
          {traffic.health.item ? <span className="mono">{traffic.health.item}</span> : null} {traffic.health.reason.text}
        </p>
      ) : null}
      <div className="ov-ns-meta">
        {ns.injection ? <Badge tone="ok">istio-injection</Badge> : <Badge tone="muted">no injection label</Badge>}
        <span>
          {ns.services.length} service{ns.services.length === 1 ? '' : 's'}
          {ns.services.length > 0 ? ':' : ''}
        </span>
        {ns.services.map((svc) => {
          const f = traffic?.services.find((x) => x.service === svc);
          return (
            <Link key={svc} href={`/services/${encodeURIComponent(ns.name)}/${encodeURIComponent(svc)}`} className="ov-svc" title={f?.health.reason?.text}>
              {svc}
              {f && f.rate > 0 && f.errorPercent !== null && f.errorPercent > 0 ? (
                <span className={`ov-svc-err ov-svc-err-${f.health.status.toLowerCase()}`} data-testid={`ov-svc-errors-${svc}`}>
                  {' '}
                  {formatPercent(f.errorPercent)} errors
                </span>
              ) : null}
            </Link>
          );
        })}
        <span className="ov-sep" aria-hidden="true" />
        <IstioConfigChips ns={ns.name} counts={ns.istioConfig} />
      </div>
      {ns.workloads.length === 0 ? (
        <EmptyState compact title="No workloads" detail="Nothing runs in this namespace yet." />
      ) : (
        <WorkloadTable workloads={ns.workloads} />
      )}
    </Panel>
  );
}
