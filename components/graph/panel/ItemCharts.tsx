'use client';

import { useState } from 'react';
import type { GraphItemMetrics } from '@/lib/api/metrics';
import { useGraphItemMetrics } from '../../data/use-graph-item-metrics';
import { Button } from '../../ui/Button';
import { formatBytesRate, formatLatency, formatRate } from '../../ui/format';
import { ErrorState, LoadingState } from '../../ui/States';
import { TimeSeriesChart, type Series } from '../../ui/TimeSeriesChart';
import { PALETTE } from '../canvas/palette';

const LATENCY_COLORS = { p50: '#73bf69', p95: '#f2a33a', p99: '#e0464e' } as const;

/** Time-series charts for a node or edge from `/api/metrics/graph-item`; nodes can flip inbound/outbound. */
export function ItemCharts({ id, kind, duration, tcp }: { id: string; kind: 'node' | 'edge'; duration: string; tcp: boolean }) {
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('inbound');
  const q = useGraphItemMetrics({ id, duration, direction: kind === 'node' ? direction : undefined });
  return (
    <section className="gr-charts" aria-label="Metrics over time">
      <div className="gr-charts-head">
        <h3>Over the last {duration}</h3>
        {kind === 'node' ? (
          <div role="group" aria-label="Traffic direction" className="gr-seg">
            <Button pressed={direction === 'inbound'} onClick={() => setDirection('inbound')}>
              Inbound
            </Button>
            <Button pressed={direction === 'outbound'} onClick={() => setDirection('outbound')}>
              Outbound
            </Button>
          </div>
        ) : null}
      </div>
      {q.isPending ? (
        <LoadingState compact label="Loading metrics…" />
      ) : q.isError ? (
        <ErrorState compact error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Charts m={q.data} tcp={tcp} />
      )}
    </section>
  );
}

function Charts({ m, tcp }: { m: GraphItemMetrics; tcp: boolean }) {
  const s = m.series;
  const pick = (name: string, color: string, pts: Series['points'] | undefined): Series[] => (pts ? [{ name, color, points: pts }] : []);
  if (tcp) {
    return (
      <TimeSeriesChart
        title="TCP throughput"
        format={formatBytesRate}
        series={[...pick('sent', PALETTE.tcp, s.tcpSent), ...pick('received', '#b877d9', s.tcpReceived)]}
      />
    );
  }
  return (
    <>
      <TimeSeriesChart
        title="Requests/s"
        format={formatRate}
        series={[...pick('total', PALETTE.ok, s.requestRate), ...pick('errors', PALETTE.err, s.errorRate)]}
      />
      <TimeSeriesChart
        title="Response time"
        format={(v) => formatLatency(v)}
        series={[
          ...pick('p50', LATENCY_COLORS.p50, s.p50),
          ...pick('p95', LATENCY_COLORS.p95, s.p95),
          ...pick('p99', LATENCY_COLORS.p99, s.p99),
        ]}
      />
    </>
  );
}
