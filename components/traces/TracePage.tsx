'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { criticalPath } from '@/lib/traces/critical-path';
import { summarizeTrace } from '@/lib/traces/summary';
import { buildSpanTree } from '@/lib/traces/tree';
import { Badge } from '../ui/Badge';
import { PageHeader } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';
import { Stat } from '../ui/Stat';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { formatDateTime, formatMicros, shortTraceId } from './format';
import { serviceColor } from './service-color';
import { SpanTimeline } from './SpanTimeline';
import { useTrace } from './use-traces';

/** /traces/{traceID}: one trace as a collapsible span tree on a timeline, with the critical path. */
export function TracePage({ traceId }: { traceId: string }) {
  const params = useSearchParams();
  const pathname = usePathname() ?? `/traces/${traceId}`;
  const selected = params?.get('span') ?? undefined;
  const trace = useTrace(traceId);
  const spans = useMemo(() => trace.data?.spans ?? [], [trace.data]);
  const tree = useMemo(() => buildSpanTree(spans), [spans]);
  const critical = useMemo(() => criticalPath(tree), [tree]);
  const summary = useMemo(() => summarizeTrace(spans[0]?.traceId ?? traceId, spans), [spans, traceId]);
  const depth = useMemo(() => tree.ordered.reduce((m, n) => Math.max(m, n.depth + 1), 0), [tree]);
  // The selected span lives in the URL (shareable), without a server round trip.
  const select = useCallback(
    (spanId: string | undefined) => {
      const q = new URLSearchParams(window.location.search);
      if (spanId) q.set('span', spanId);
      else q.delete('span');
      const s = q.toString();
      window.history.replaceState(null, '', s ? `${pathname}?${s}` : pathname);
    },
    [pathname],
  );

  const back = (
    <Link href="/traces" className="ui-btn">
      Back to search
    </Link>
  );
  if (trace.isPending) return <div className="page"><LoadingState label="Loading trace…" /></div>;
  if (trace.isError) {
    return (
      <div className="page">
        <PageHeader title={`Trace ${shortTraceId(traceId)}`} actions={back} />
        <Panel>
          <ErrorState error={trace.error} onRetry={() => void trace.refetch()} />
        </Panel>
      </div>
    );
  }
  if (spans.length === 0) {
    return (
      <div className="page">
        <PageHeader title={`Trace ${shortTraceId(traceId)}`} actions={back} />
        <Panel>
          <EmptyState title="Empty trace" detail="The trace exists but has no spans." />
        </Panel>
      </div>
    );
  }
  return (
    <div className="page tr-page">
      <PageHeader
        title={`${summary.rootService}: ${summary.rootOperation}`}
        description={
          <span className="mono" data-testid="trace-id">
            {summary.traceId}
          </span>
        }
        actions={back}
      />
      <Panel>
        <div className="tr-stats">
          <Stat label="Started" value={formatDateTime(summary.startUs)} />
          <Stat label="Duration" value={formatMicros(summary.durationUs)} testId="trace-duration" />
          <Stat label="Spans" value={summary.spanCount} />
          <Stat label="Depth" value={depth} />
          <Stat label="Services" value={summary.services.length} />
          <Stat label="Errors" value={<span className={summary.errorCount ? 'tr-err-text' : undefined}>{summary.errorCount}</span>} />
        </div>
        <div className="tr-service-chips">
          {summary.services.map((s) => (
            <Badge key={s.name} tone={s.errors ? 'err' : 'neutral'}>
              <span className="tr-svc-swatch" style={{ background: serviceColor(s.name) }} aria-hidden="true" /> {s.name} ({s.count})
            </Badge>
          ))}
        </div>
        {trace.data?.warnings.length ? (
          <ul className="tr-trace-warnings" role="note" aria-label="Trace warnings">
            {trace.data.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        ) : null}
      </Panel>
      <Panel
        title="Timeline"
        extra={
          <span className="tr-legend">
            <span className="tr-legend-crit" /> critical path <span className="tr-legend-dot tr-dot-err" /> error
          </span>
        }
        flush
      >
        <SpanTimeline tree={tree} critical={critical} selected={selected} onSelect={select} />
      </Panel>
    </div>
  );
}
