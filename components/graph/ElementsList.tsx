'use client';

import { memo, useDeferredValue, useMemo, useState } from 'react';
import { formatBytesRate, formatRate } from '../ui/format';
import { edgeRate } from './canvas/to-cy-elements';
import { nodeName, type GraphIndex } from './graph-index';

/** Rows shown at once; a filter narrows big graphs (a list of 2,000 buttons helps nobody). */
const MAX_ROWS = 150;

interface Row {
  id: string;
  kind: 'node' | 'edge';
  text: string;
  detail: string;
}

/**
 * Every node and edge as a button: the accessible equivalent of the canvas (screen readers, keyboard users,
 * tests). Rendered only while open, capped, with a filter, so a 1,000-node graph stays quick.
 */
export function ElementsList({ index, hidden, selected, onSelect }: { index: GraphIndex; hidden: ReadonlySet<string>; selected?: string; onSelect: (id: string) => void }) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const deferred = useDeferredValue(filter.trim().toLowerCase());
  const rows = useMemo(() => (open ? buildRows(index, hidden) : []), [open, index, hidden]);
  const shown = useMemo(() => {
    const hits = deferred ? rows.filter((r) => r.text.toLowerCase().includes(deferred)) : rows;
    return { nodes: hits.filter((r) => r.kind === 'node').slice(0, MAX_ROWS), edges: hits.filter((r) => r.kind === 'edge').slice(0, MAX_ROWS), total: hits.length };
  }, [rows, deferred]);
  return (
    <details className="gr-elements" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary data-testid="elements-toggle">
        All elements ({index.nodes.size} nodes, {index.edges.size} edges)
      </summary>
      {open ? (
        <div className="gr-elements-body">
          <input
            className="ui-input gr-elements-filter"
            placeholder="Filter by name…"
            aria-label="Filter elements"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            data-testid="elements-filter"
          />
          <RowList title="Nodes" rows={shown.nodes} selected={selected} onSelect={onSelect} testId="element-node" />
          <RowList title="Edges" rows={shown.edges} selected={selected} onSelect={onSelect} testId="element-edge" />
          {shown.nodes.length + shown.edges.length < shown.total ? (
            <p className="gr-faint">
              Showing {shown.nodes.length + shown.edges.length} of {shown.total}; filter to narrow.
            </p>
          ) : null}
        </div>
      ) : null}
    </details>
  );
}

function buildRows(index: GraphIndex, hidden: ReadonlySet<string>): Row[] {
  const rows: Row[] = [];
  for (const n of index.nodes.values()) {
    if (n.nodeType === 'box') continue;
    rows.push({ id: n.id, kind: 'node', text: nodeName(n), detail: `${n.nodeType} · ${n.namespace}${hidden.has(n.id) ? ' · hidden' : ''}` });
  }
  for (const e of index.edges.values()) {
    const r = edgeRate(e);
    rows.push({
      id: e.id,
      kind: 'edge',
      text: `${nodeName(index.nodes.get(e.source))} → ${nodeName(index.nodes.get(e.target))}`,
      detail: `${e.traffic.protocol === 'tcp' ? formatBytesRate(r) : `${formatRate(r)} rps`}${hidden.has(e.id) ? ' · hidden' : ''}`,
    });
  }
  return rows;
}

const RowList = memo(function RowList({ title, rows, selected, onSelect, testId }: { title: string; rows: Row[]; selected?: string; onSelect: (id: string) => void; testId: string }) {
  if (rows.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul aria-label={title}>
        {rows.map((r) => (
          <li key={r.id}>
            <button type="button" className="gr-link" aria-current={selected === r.id || undefined} onClick={() => onSelect(r.id)} data-testid={testId}>
              {r.text} <span className="gr-faint">{r.detail}</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
});
