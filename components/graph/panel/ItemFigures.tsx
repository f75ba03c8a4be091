'use client';

import type { ItemTrafficFigures, TrafficFigures } from '@/lib/api/traffic-figures';
import { useItemTrafficFigures } from '../../data/use-traffic-figures';
import { formatBytesRate, formatLatency, formatPercent, formatRate } from '../../ui/format';
import { ErrorState, LoadingState } from '../../ui/States';

const tcpOnly = (f: TrafficFigures) => f.requests.rate === 0 && f.throughput.tcpBytesPerSec > 0;

function errorsCell(f: TrafficFigures): string {
  if (tcpOnly(f)) return 'TCP';
  if (f.errors.percent === null) return '—';
  const flags = Object.keys(f.flags);
  return `${formatPercent(f.errors.percent)}${flags.length > 0 ? ` (${flags.slice(0, 3).join(', ')})` : ''}`;
}

/** Rows of one figure column: what the item received or sent. */
function cells(f: TrafficFigures | undefined) {
  if (!f) return { rps: '—', err: '—', p95: '—', tcp: '—', mtls: '—' };
  return {
    rps: f.requests.rate > 0 || !tcpOnly(f) ? `${formatRate(f.requests.rate)}` : '—',
    err: errorsCell(f),
    p95: formatLatency(f.latency.p95),
    tcp: f.throughput.tcpBytesPerSec > 0 ? formatBytesRate(f.throughput.tcpBytesPerSec) : '—',
    mtls: f.mtlsPercent === null ? '—' : formatPercent(f.mtlsPercent),
  };
}

/**
 * The selected node's or edge's figures from the item traffic endpoint (lib/traffic over the graph's namespaces and
 * window): received and sent side by side, errors with their flags, p95, TCP bytes, mTLS, and the health reason.
 */
export function ItemFigures({ id, namespaces, duration, queryTime }: { id: string; namespaces: string[]; duration: string; queryTime: number }) {
  const q = useItemTrafficFigures({ id, namespaces, duration, queryTime });
  if (q.isPending) return <LoadingState compact label="Loading figures…" />;
  if (q.error && !q.data) return <ErrorState compact error={q.error} onRetry={() => void q.refetch()} />;
  return <FiguresTable f={q.data as ItemTrafficFigures} />;
}

function FiguresTable({ f }: { f: ItemTrafficFigures }) {
  const inn = cells(f.inbound);
  const out = f.outbound ? cells(f.outbound) : undefined;
  const rows: [string, string, string, string | undefined][] = [
    ['Requests/s', 'fig-rps', inn.rps, out?.rps],
    ['Errors', 'fig-errors', inn.err, out?.err],
    ['p95', 'fig-p95', inn.p95, out?.p95],
    ['TCP', 'fig-tcp', inn.tcp, out?.tcp],
    ['mTLS', 'fig-mtls', inn.mtls, out?.mtls],
  ];
  return (
    <div data-testid="item-figures">
      {f.health.reason ? (
        <p className="gr-reason" role="note" data-testid="health-reason">
          {f.health.reason.text}
        </p>
      ) : null}
      <table className="ui-table gr-traffic" aria-label={`Figures over the last ${f.duration}s`}>
        <thead>
          <tr>
            <th scope="col">Last {f.duration}s</th>
            <th scope="col" className="num">{f.kind === 'edge' ? 'Edge' : 'In'}</th>
            {out ? <th scope="col" className="num">Out</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, testId, a, b]) => (
            <tr key={label}>
              <td>{label}</td>
              <td className="num" data-testid={`${testId}-in`}>{a}</td>
              {out ? <td className="num" data-testid={`${testId}-out`}>{b}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
