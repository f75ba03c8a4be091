'use client';

import { Fragment, useMemo, useState } from 'react';
import type { CriticalSegment } from '@/lib/traces/critical-path';
import type { SpanNode, SpanTree } from '@/lib/traces/tree';
import { formatMicros } from './format';
import { serviceColor } from './service-color';
import { SpanDetails } from './SpanDetails';

const TICKS = [0, 0.25, 0.5, 0.75, 1];

/** Nodes to draw: depth-first order, skipping the subtrees of collapsed spans. */
function visibleNodes(tree: SpanTree, collapsed: ReadonlySet<string>): SpanNode[] {
  const out: SpanNode[] = [];
  const walk = (n: SpanNode) => {
    out.push(n);
    if (!collapsed.has(n.span.spanId)) n.children.forEach(walk);
  };
  tree.roots.forEach(walk);
  return out;
}

/**
 * The span tree on a timeline: one row per span (indented by depth, collapsible), a bar at its time,
 * critical-path stretches drawn over the bar, errors in red. Clicking a row opens its details.
 */
export function SpanTimeline({
  tree,
  critical,
  selected,
  onSelect,
}: {
  tree: SpanTree;
  critical: CriticalSegment[];
  selected?: string;
  onSelect: (spanId: string | undefined) => void;
}) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const total = Math.max(tree.endUs - tree.startUs, 1);
  const pct = (us: number) => `${((us - tree.startUs) / total) * 100}%`;
  const width = (us: number) => `${Math.max((us / total) * 100, 0.2)}%`;
  const segmentsBySpan = useMemo(() => {
    const m = new Map<string, CriticalSegment[]>();
    for (const s of critical) m.set(s.spanId, [...(m.get(s.spanId) ?? []), s]);
    return m;
  }, [critical]);
  const rows = visibleNodes(tree, collapsed);
  const toggle = (id: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="tr-timeline" role="tree" aria-label="Spans" data-testid="span-timeline">
      <div className="tr-tl-header" aria-hidden="true">
        <div className="tr-tl-label">Service and operation</div>
        <div className="tr-tl-track">
          {TICKS.map((f) => (
            <span key={f} className="tr-tick" style={{ left: `${f * 100}%` }}>
              {formatMicros(f * total)}
            </span>
          ))}
        </div>
      </div>
      {rows.map((n) => {
        const s = n.span;
        const open = !collapsed.has(s.spanId);
        const isSelected = selected === s.spanId;
        const segs = segmentsBySpan.get(s.spanId) ?? [];
        return (
          <Fragment key={s.spanId}>
            <div
              className={['tr-tl-row', isSelected ? 'tr-selected' : '', s.error ? 'tr-row-error' : ''].join(' ')}
              role="treeitem"
              aria-level={n.depth + 1}
              aria-expanded={n.children.length ? open : undefined}
              aria-selected={isSelected}
              data-testid="span-row"
              data-span-id={s.spanId}
              data-critical={segs.length > 0 ? 'true' : undefined}
              data-error={s.error ? 'true' : undefined}
            >
              <div className="tr-tl-label" style={{ paddingLeft: 6 + n.depth * 14 }}>
                {n.children.length ? (
                  <button type="button" className="tr-toggle" aria-label={`${open ? 'Collapse' : 'Expand'} ${s.service} ${s.name}`} onClick={() => toggle(s.spanId)}>
                    {open ? '▾' : '▸'}
                  </button>
                ) : (
                  <span className="tr-toggle-spacer" />
                )}
                <button type="button" className="tr-span-name" onClick={() => onSelect(isSelected ? undefined : s.spanId)} title={`${s.service}: ${s.name}`}>
                  <span className="tr-svc-swatch" style={{ background: serviceColor(s.service) }} aria-hidden="true" />
                  {s.error ? (
                    <span className="tr-err-mark" role="img" aria-label="error">
                      !
                    </span>
                  ) : null}
                  <span className="tr-svc">{s.service}</span>
                  <span className="tr-op">{s.name}</span>
                  {!open ? <span className="tr-muted"> ({n.children.length} hidden)</span> : null}
                </button>
              </div>
              <div className="tr-tl-track" onClick={() => onSelect(isSelected ? undefined : s.spanId)}>
                {TICKS.slice(1, -1).map((f) => (
                  <span key={f} className="tr-gridline" style={{ left: `${f * 100}%` }} />
                ))}
                <span className={s.error ? 'tr-bar tr-bar-err' : 'tr-bar'} style={{ left: pct(s.startUs), width: width(s.durationUs), background: s.error ? undefined : serviceColor(s.service) }} />
                {segs.map((c) => (
                  <span key={c.startUs} className="tr-crit" style={{ left: pct(c.startUs), width: width(c.endUs - c.startUs) }} title="critical path" />
                ))}
                <span className="tr-bar-label" style={{ left: `calc(${pct(s.startUs + s.durationUs)} + 4px)` }}>
                  {formatMicros(s.durationUs)}
                </span>
              </div>
            </div>
            {isSelected ? <SpanDetails span={s} traceStartUs={tree.startUs} /> : null}
          </Fragment>
        );
      })}
    </div>
  );
}
