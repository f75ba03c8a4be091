'use client';

import { useState } from 'react';
import { formatBytesRate, formatRate } from '../ui/format';
import { edgeRate } from './canvas/to-cy-elements';
import { nodeName, type GraphIndex } from './graph-index';

/**
 * Every node and edge as a button: the accessible equivalent of the canvas (screen readers, keyboard users,
 * tests). Rendered only while open, so a 1,000-node graph costs nothing until asked.
 */
export function ElementsList({ index, hidden, selected, onSelect }: { index: GraphIndex; hidden: ReadonlySet<string>; selected?: string; onSelect: (id: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="gr-elements" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary data-testid="elements-toggle">
        All elements ({index.nodes.size} nodes, {index.edges.size} edges)
      </summary>
      {open ? (
        <div className="gr-elements-body">
          <h3>Nodes</h3>
          <ul aria-label="Nodes">
            {[...index.nodes.values()]
              .filter((n) => n.nodeType !== 'box')
              .map((n) => (
                <li key={n.id}>
                  <button type="button" className="gr-link" aria-current={selected === n.id || undefined} onClick={() => onSelect(n.id)} data-testid="element-node">
                    {nodeName(n)} <span className="gr-faint">{n.nodeType} · {n.namespace}{hidden.has(n.id) ? ' · hidden' : ''}</span>
                  </button>
                </li>
              ))}
          </ul>
          <h3>Edges</h3>
          <ul aria-label="Edges">
            {[...index.edges.values()].map((e) => {
              const r = edgeRate(e);
              return (
                <li key={e.id}>
                  <button type="button" className="gr-link" aria-current={selected === e.id || undefined} onClick={() => onSelect(e.id)} data-testid="element-edge">
                    {nodeName(index.nodes.get(e.source))} → {nodeName(index.nodes.get(e.target))}{' '}
                    <span className="gr-faint">{e.traffic.protocol === 'tcp' ? formatBytesRate(r) : `${formatRate(r)} rps`}{hidden.has(e.id) ? ' · hidden' : ''}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </details>
  );
}
