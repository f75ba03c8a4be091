'use client';

import { useId, useMemo, useState } from 'react';

export interface Series {
  name: string;
  color: string;
  /** `[unix seconds, value]`, null for gaps. */
  points: readonly (readonly [number, number | null])[];
}

export interface TimeSeriesChartProps {
  title: string;
  series: readonly Series[];
  format: (v: number) => string;
  height?: number;
}

const W = 300;
const PAD_L = 4;
const PAD_R = 4;
const PAD_T = 6;
const PAD_B = 4;

/**
 * A compact SVG line chart for side panels: several series, gaps where values are null, a hover readout.
 * No chart library: this is 100 lines and renders instantly at any count of panels.
 */
export function TimeSeriesChart({ title, series, format, height = 70 }: TimeSeriesChartProps) {
  const titleId = useId();
  const [hoverX, setHoverX] = useState<number | null>(null);
  const geo = useMemo(() => bounds(series), [series]);
  const H = height;
  if (!geo) {
    return (
      <figure className="ui-chart" aria-labelledby={titleId}>
        <figcaption id={titleId} className="ui-chart-title">
          {title}
        </figcaption>
        <div className="ui-chart-empty">No data in this window</div>
      </figure>
    );
  }
  const sx = (t: number) => PAD_L + ((t - geo.t0) / Math.max(1, geo.t1 - geo.t0)) * (W - PAD_L - PAD_R);
  const sy = (v: number) => PAD_T + (1 - v / (geo.max || 1)) * (H - PAD_T - PAD_B);
  const hoverT = hoverX === null ? null : geo.t0 + ((hoverX - PAD_L) / (W - PAD_L - PAD_R)) * (geo.t1 - geo.t0);
  return (
    <figure className="ui-chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="ui-chart-title">
        <span>{title}</span>
        <span className="ui-chart-legend">
          {series.map((s) => (
            <span key={s.name}>
              <i style={{ background: s.color }} aria-hidden="true" />
              {s.name} {format(valueAt(s, hoverT) ?? lastValue(s) ?? 0)}
            </span>
          ))}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        className="ui-chart-svg"
        role="img"
        aria-label={`${title}: ${series.map((s) => `${s.name} latest ${format(lastValue(s) ?? 0)}`).join(', ')}; peak ${format(geo.max)}`}
        onMouseMove={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          setHoverX(((e.clientX - box.left) / box.width) * W);
        }}
        onMouseLeave={() => setHoverX(null)}
      >
        <line x1={0} x2={W} y1={sy(0)} y2={sy(0)} className="ui-chart-axis" />
        <text x={W - 2} y={PAD_T + 4} textAnchor="end" className="ui-chart-max">
          {format(geo.max)}
        </text>
        {series.map((s) => (
          <path key={s.name} d={pathOf(s, sx, sy)} fill="none" stroke={s.color} strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
        ))}
        {hoverX !== null ? <line x1={hoverX} x2={hoverX} y1={0} y2={H} className="ui-chart-cursor" /> : null}
      </svg>
    </figure>
  );
}

function bounds(series: readonly Series[]) {
  let t0 = Infinity;
  let t1 = -Infinity;
  let max = 0;
  let any = false;
  for (const s of series)
    for (const [t, v] of s.points) {
      t0 = Math.min(t0, t);
      t1 = Math.max(t1, t);
      if (v !== null && Number.isFinite(v)) {
        any = true;
        max = Math.max(max, v);
      }
    }
  return any ? { t0, t1, max: max * 1.1 } : undefined;
}

function pathOf(s: Series, sx: (t: number) => number, sy: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (const [t, v] of s.points) {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${sx(t).toFixed(1)},${sy(v).toFixed(1)}`;
    pen = true;
  }
  return d;
}

function lastValue(s: Series): number | undefined {
  for (let i = s.points.length - 1; i >= 0; i--) {
    const v = s.points[i]?.[1];
    if (v !== null && v !== undefined) return v;
  }
  return undefined;
}

function valueAt(s: Series, t: number | null): number | undefined {
  if (t === null || s.points.length === 0) return undefined;
  let best: readonly [number, number | null] | undefined;
  for (const p of s.points) if (!best || Math.abs(p[0] - t) < Math.abs(best[0] - t)) best = p;
  return best?.[1] ?? undefined;
}
