import Link from 'next/link';
import type { Overview } from '../data/schemas';
import { Badge } from '../ui/Badge';
import { formatPercent, formatRate } from '../ui/format';
import type { NamespaceTraffic } from './namespace-traffic';
import { Panel } from '../ui/Panel';
import { EmptyState } from '../ui/States';
import { WorkloadTable } from './WorkloadTable';

type Namespace = Overview['namespaces'][number];

/** Live inbound traffic and health of the namespace (last minute). */
function TrafficBadges({ traffic }: { traffic: NamespaceTraffic | undefined }) {
  if (!traffic || traffic.requestRate === 0) return <Badge tone="muted">no requests</Badge>;
  const err = traffic.errorPercent ?? 0;
  return (
    <>
      <Badge tone="info" title="Requests per second received in the last minute">
        {formatRate(traffic.requestRate)} rps
      </Badge>
      <Badge tone={err >= 20 ? 'err' : err >= 0.1 ? 'warn' : 'ok'} title="Share of those requests that failed">
        {formatPercent(err)} errors
      </Badge>
      {traffic.unhealthy > 0 ? <Badge tone="warn">{traffic.unhealthy} unhealthy</Badge> : null}
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
      <div className="ov-ns-meta">
        {ns.injection ? <Badge tone="ok">istio-injection</Badge> : <Badge tone="muted">no injection label</Badge>}
        <span>
          {ns.services.length} service{ns.services.length === 1 ? '' : 's'}
          {ns.services.length > 0 ? ':' : ''}
        </span>
        {ns.services.map((svc) => (
          <Link key={svc} href={`/services/${encodeURIComponent(ns.name)}/${encodeURIComponent(svc)}`} className="ov-svc">
            {svc}
          </Link>
        ))}
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
