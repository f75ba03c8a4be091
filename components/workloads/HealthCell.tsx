import { Badge, StatusDot, type Tone } from '../ui/Badge';
import type { WorkloadTraffic } from './workload-traffic';

export function healthTone(h: string | undefined): Tone {
  if (h === 'Healthy') return 'ok';
  if (h === 'Degraded') return 'warn';
  if (h === 'Failure') return 'err';
  return 'muted';
}

/** Health from the graph, with its reason as text (colour never carries meaning alone). */
export function HealthCell({ traffic, loading }: { traffic: WorkloadTraffic | undefined; loading?: boolean }) {
  if (loading) return <span className="wl-muted">…</span>;
  const h = traffic?.health;
  const tcp = traffic !== undefined && traffic.inRps + traffic.outRps === 0 && traffic.tcpInBps + traffic.tcpOutBps > 0;
  // A TCP-only workload has no HTTP health: it says "TCP" while bytes flow, never "No traffic".
  const label = h === undefined || h === 'NA' ? (tcp ? 'TCP' : 'No traffic') : h;
  const reason = traffic?.reason ?? 'no requests in the last 60s';
  return (
    <span className="wl-health" title={reason} data-testid="health" data-health={h ?? 'NA'}>
      <StatusDot tone={tcp && (h === undefined || h === 'NA') ? 'info' : healthTone(h)} label={label} /> {label}
    </span>
  );
}

/** The sidecar state as a badge with its reason. */
export function SidecarBadge({ state, reason }: { state: 'present' | 'partial' | 'missing'; reason: string }) {
  const tone: Tone = state === 'present' ? 'ok' : state === 'partial' ? 'warn' : 'muted';
  return (
    <Badge tone={tone} title={reason}>
      {state === 'present' ? 'sidecar' : state === 'partial' ? 'sidecar partial' : 'no sidecar'}
    </Badge>
  );
}

/** Validation counts as a badge linking nothing (the objects are listed on the detail page). */
export function ValidationBadge({ v }: { v: { errors: number; warnings: number; infos: number } }) {
  if (v.errors > 0) return <Badge tone="err" title={`${v.errors} error(s), ${v.warnings} warning(s) in the Istio config that applies`}>{v.errors} error{v.errors === 1 ? '' : 's'}</Badge>;
  if (v.warnings > 0) return <Badge tone="warn" title={`${v.warnings} warning(s) in the Istio config that applies`}>{v.warnings} warning{v.warnings === 1 ? '' : 's'}</Badge>;
  return <Badge tone="ok" title="the Istio config that applies validates cleanly">valid</Badge>;
}
