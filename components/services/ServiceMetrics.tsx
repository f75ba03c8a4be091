'use client';

import type { GraphItemMetrics, GraphItemSeriesName } from '@/lib/api/metrics';
import { useServiceMetrics } from '../data/use-service-metrics';
import { formatLatency, formatRate } from '../ui/format';
import { Panel } from '../ui/Panel';
import { Select } from '../ui/Select';
import { ErrorState, LoadingState } from '../ui/States';
import { TimeSeriesChart, type Series } from '../ui/TimeSeriesChart';
import { QUANTILE_COLORS, versionColor } from './series-colors';
import { METRICS_RANGES, type MetricsRange } from './service-url-state';
import type { VersionTraffic } from './version-stats';

const rate = (v: number) => `${formatRate(v)}/s`;

/** Charts per version: inbound and outbound request rate, error rate, and p50/p95/p99 latency. */
export function ServiceMetrics({ versions, range, onRange }: { versions: readonly VersionTraffic[]; range: MetricsRange; onRange: (r: MetricsRange) => void }) {
  const ids = versions.map((v) => v.nodeId);
  const inbound = useServiceMetrics({ ids, direction: 'inbound', duration: range });
  const outbound = useServiceMetrics({ ids, direction: 'outbound', duration: range });
  const picker = <Select label="Range" hideLabel value={range} options={METRICS_RANGES.map((r) => ({ value: r, label: `last ${r}` }))} onChange={onRange} />;
  const by = (data: (GraphItemMetrics | undefined)[], name: GraphItemSeriesName): Series[] =>
    versions.map((v, i) => ({ name: v.version, color: versionColor(i), points: data[i]?.series[name] ?? [] }));
  return (
    <Panel title="Metrics per version" extra={picker} data-testid="service-metrics">
      {versions.length === 0 ? (
        <p className="sv-muted">No version of this service has received requests in the live window, so there is nothing to chart yet.</p>
      ) : inbound.pending && inbound.data.every((d) => !d) ? (
        <LoadingState compact label="Loading metrics…" />
      ) : inbound.error && inbound.data.every((d) => !d) ? (
        <ErrorState compact error={inbound.error} onRetry={inbound.refetch} />
      ) : (
        <>
          <div className="sv-charts">
            <TimeSeriesChart title="Inbound requests" series={by(inbound.data, 'requestRate')} format={rate} height={90} />
            <TimeSeriesChart title="Inbound errors" series={by(inbound.data, 'errorRate')} format={rate} height={90} />
            <TimeSeriesChart title="Outbound requests" series={by(outbound.data, 'requestRate')} format={rate} height={90} />
            <TimeSeriesChart title="Outbound errors" series={by(outbound.data, 'errorRate')} format={rate} height={90} />
          </div>
          <div className="sv-charts">
            {versions.map((v, i) => (
              <TimeSeriesChart
                key={v.nodeId}
                title={`${v.version} latency`}
                format={(x) => formatLatency(x)}
                height={90}
                series={(['p50', 'p95', 'p99'] as const).map((q) => ({ name: q, color: QUANTILE_COLORS[q], points: inbound.data[i]?.series[q] ?? [] }))}
              />
            ))}
          </div>
        </>
      )}
    </Panel>
  );
}
