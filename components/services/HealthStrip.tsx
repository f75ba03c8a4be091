import type { ServiceTrafficFigures } from '@/lib/api/traffic-figures';
import { StatusDot } from '../ui/Badge';
import { formatBytesRate, formatLatency, formatPercent, formatRate } from '../ui/format';
import { Stat } from '../ui/Stat';
import { healthLabel } from './health-label';

/** Requests that failed at the source proxy and reached no version, in words ("aborted by fault injection"). */
export function unservedText(f: ServiceTrafficFigures): string | undefined {
  const u = f.unserved;
  if (!(u.requests > 0) || u.percent === null) return undefined;
  const flags = Object.keys(u.flags).filter((x) => x !== '-');
  const why = flags.includes('FI') ? 'aborted by fault injection' : flags.includes('UO') ? 'refused by the circuit breaker (overflow)' : flags.includes('UH') ? 'refused: no healthy upstream' : flags.includes('UF') ? 'failed to connect' : 'failed at the caller’s proxy';
  return `${formatPercent(u.percent)} of requests to ${f.service} (${u.requests} in the window) were ${why}${flags.length > 0 ? ` (${flags.join(', ')})` : ''} before reaching any version`;
}

/** The service at a glance over the live window, all from the service traffic endpoint (lib/traffic). */
export function HealthStrip({ figures, window, versionCount }: { figures: ServiceTrafficFigures; window: string; versionCount: number }) {
  const f = figures;
  const h = healthLabel(f.health.status, f.inbound);
  const tcpOnly = f.inbound.requests.rate === 0 && f.inbound.throughput.tcpBytesPerSec > 0;
  const receiving = f.versions.filter((v) => v.inbound.requests.rate > 0 || v.inbound.throughput.tcpBytesPerSec > 0).length;
  const sick = f.versions.filter((v) => v.health.reason);
  const aborted = unservedText(f);
  return (
    <div className="sv-strip-wrap">
      <div className="sv-strip" data-testid="health-strip">
        <Stat
          label="Health"
          testId="stat-health"
          value={
            <span className="sv-health">
              <StatusDot tone={h.tone} label={h.label} /> {h.label}
            </span>
          }
          hint={tcpOnly ? `TCP service, not judged on requests · last ${window}` : `last ${window}`}
        />
        {tcpOnly ? (
          <Stat label="Inbound" value={formatBytesRate(f.inbound.throughput.tcpBytesPerSec)} testId="stat-inbound" hint="TCP bytes sent to callers" />
        ) : (
          <Stat label="Inbound" value={`${formatRate(f.inbound.requests.rate)} req/s`} testId="stat-inbound" hint={f.inbound.throughput.tcpBytesPerSec > 0 ? `TCP ${formatBytesRate(f.inbound.throughput.tcpBytesPerSec)}` : `${f.inbound.requests.count} requests`} />
        )}
        <Stat
          label="Outbound"
          value={f.outbound.requests.rate === 0 && f.outbound.throughput.tcpBytesPerSec > 0 ? formatBytesRate(f.outbound.throughput.tcpBytesPerSec) : `${formatRate(f.outbound.requests.rate)} req/s`}
          hint={f.outbound.errors.percent ? `from its versions · ${formatPercent(f.outbound.errors.percent)} failed` : 'from its versions'}
        />
        <Stat label="Errors" testId="stat-errors" value={tcpOnly ? 'TCP' : formatPercent(f.inbound.errors.percent ?? undefined)} hint={f.inbound.errors.rate > 0 ? `${formatRate(f.inbound.errors.rate)} req/s` : undefined} />
        <Stat label="p95" testId="stat-p95" value={formatLatency(f.inbound.latency.p95)} hint={f.inbound.latency.p99 !== null ? `p99 ${formatLatency(f.inbound.latency.p99)}` : undefined} />
        <Stat label="mTLS" value={f.inbound.mtlsPercent === null ? '—' : formatPercent(f.inbound.mtlsPercent)} />
        <Stat label="Versions with traffic" testId="stat-versions" value={`${receiving} / ${Math.max(versionCount, f.versions.length)}`} />
      </div>
      {f.health.reason || sick.length > 0 || aborted ? (
        <ul className="sv-reasons" data-testid="health-reasons">
          {f.health.reason ? <li data-testid="health-reason">{f.service}: {f.health.reason.text}</li> : null}
          {sick.map((v) => (
            <li key={v.version} data-testid={`health-reason-${v.version}`}>
              {f.service} {v.version}: {v.health.reason?.text}
            </li>
          ))}
          {aborted ? <li data-testid="unserved-note">{aborted}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
