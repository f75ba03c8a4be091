'use client';

import { useRouter } from 'next/navigation';
import type { TraceSummary } from '@/lib/traces/summary';
import { formatClock, formatMicros, shortTraceId } from './format';

const W = 1000;
const H = 180;
const PAD = { left: 64, right: 16, top: 12, bottom: 26 };

/** Duration over time, one dot per trace (red when it has errors, bigger with more spans); click opens the trace. */
export function DurationScatter({ traces }: { traces: TraceSummary[] }) {
  const router = useRouter();
  if (traces.length === 0) return null;
  const t0 = Math.min(...traces.map((t) => t.startUs));
  const t1 = Math.max(...traces.map((t) => t.startUs));
  const dMax = Math.max(...traces.map((t) => t.durationUs), 1);
  const span = Math.max(t1 - t0, 1);
  const x = (us: number) => PAD.left + ((us - t0) / span) * (W - PAD.left - PAD.right);
  const y = (d: number) => H - PAD.bottom - (d / dMax) * (H - PAD.top - PAD.bottom);
  const maxSpans = Math.max(...traces.map((t) => t.spanCount));
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * dMax);
  const xTicks = traces.length > 1 ? [0, 0.25, 0.5, 0.75, 1].map((f) => t0 + f * span) : [t0];
  return (
    <svg
      className="tr-scatter"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`Duration of ${traces.length} traces over time; ${traces.filter((t) => t.errorCount > 0).length} with errors`}
      data-testid="trace-scatter"
    >
      {yTicks.map((d) => (
        <g key={`y${d}`}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(d)} y2={y(d)} className="tr-grid" />
          <text x={PAD.left - 6} y={y(d) + 4} textAnchor="end" className="tr-axis">
            {formatMicros(d)}
          </text>
        </g>
      ))}
      {xTicks.map((t) => (
        <text key={`x${t}`} x={x(t)} y={H - 6} textAnchor="middle" className="tr-axis">
          {formatClock(t).slice(0, 8)}
        </text>
      ))}
      {traces.map((t) => (
        <circle
          key={t.traceId}
          cx={x(t.startUs)}
          cy={y(t.durationUs)}
          r={3 + (5 * t.spanCount) / maxSpans}
          className={t.errorCount > 0 ? 'tr-dot tr-dot-err' : 'tr-dot'}
          data-testid="scatter-dot"
          onClick={() => router.push(`/traces/${t.traceId}`)}
        >
          <title>{`${t.rootService}: ${t.rootOperation}\n${formatMicros(t.durationUs)}, ${t.spanCount} spans${t.errorCount ? `, ${t.errorCount} errors` : ''}\n${shortTraceId(t.traceId)}`}</title>
        </circle>
      ))}
    </svg>
  );
}
