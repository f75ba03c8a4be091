import type { HealthStatus } from '@/lib/api/graph';
import { StatusDot, type Tone } from '../ui/Badge';
import { formatBytesRate, formatLatency, formatPercent, formatRate } from '../ui/format';
import { Stat } from '../ui/Stat';
import type { ServiceSnapshot } from './version-stats';

const HEALTH: Record<HealthStatus, { tone: Tone; label: string }> = {
  Healthy: { tone: 'ok', label: 'Healthy' },
  Degraded: { tone: 'warn', label: 'Degraded' },
  Failure: { tone: 'err', label: 'Failure' },
  NA: { tone: 'muted', label: 'No traffic' },
};

/** The service at a glance over the live window: health, traffic in and out, errors, slowest version's p95. */
export function HealthStrip({ snapshot, window, versionCount }: { snapshot: ServiceSnapshot; window: string; versionCount: number }) {
  const known = snapshot.health ? HEALTH[snapshot.health] : { tone: 'muted' as Tone, label: 'Unknown' };
  // Health is judged on requests; a TCP-only service (a database) is flowing, just not judged.
  const h = snapshot.health === 'NA' && snapshot.tcpRate > 0 ? { tone: 'muted' as Tone, label: 'TCP, not judged' } : known;
  const p95 = snapshot.versions.reduce<number | undefined>((m, v) => (v.p95Ms === undefined ? m : Math.max(m ?? 0, v.p95Ms)), undefined);
  const errPct = snapshot.requestRate > 0 ? (snapshot.errorRate / snapshot.requestRate) * 100 : undefined;
  return (
    <div className="sv-strip" data-testid="health-strip">
      <Stat
        label="Health"
        testId="stat-health"
        value={
          <span className="sv-health">
            <StatusDot tone={h.tone} label={h.label} /> {h.label}
          </span>
        }
        hint={`last ${window}`}
      />
      <Stat label="Inbound" value={`${formatRate(snapshot.requestRate)} req/s`} testId="stat-inbound" hint={snapshot.tcpRate > 0 ? `TCP ${formatBytesRate(snapshot.tcpRate)}` : undefined} />
      <Stat label="Outbound" value={`${formatRate(snapshot.outboundRate)} req/s`} hint="from its versions" />
      <Stat label="Errors" value={formatPercent(errPct)} hint={snapshot.errorRate > 0 ? `${formatRate(snapshot.errorRate)} req/s` : undefined} />
      <Stat label="p95 (slowest version)" value={formatLatency(p95)} />
      <Stat label="Versions receiving traffic" value={`${snapshot.versions.filter((v) => v.requestRate > 0).length} / ${Math.max(versionCount, snapshot.versions.length)}`} />
    </div>
  );
}
