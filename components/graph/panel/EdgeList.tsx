import type { EdgeData } from '@/lib/api/graph';
import { formatBytesRate, formatRate } from '../../ui/format';
import { edgeRate } from '../canvas/to-cy-elements';
import { nodeName, type GraphIndex } from '../graph-index';

/** A node's edges as buttons, so the graph can be walked with the keyboard. */
export function EdgeList({
  title,
  edges,
  index,
  side,
  onSelect,
}: {
  title: string;
  edges: EdgeData[] | undefined;
  index: GraphIndex;
  side: 'source' | 'target';
  onSelect: (id: string) => void;
}) {
  if (!edges || edges.length === 0) return null;
  const sorted = [...edges].sort((a, b) => edgeRate(b) - edgeRate(a));
  return (
    <div className="gr-edgelist">
      <h3>{title}</h3>
      <ul>
        {sorted.map((e) => {
          const rate = edgeRate(e);
          return (
            <li key={e.id}>
              <button type="button" className="gr-link" onClick={() => onSelect(e.id)}>
                <span>{nodeName(index.nodes.get(side === 'source' ? e.source : e.target))}</span>
                <span className="num">{e.traffic.protocol === 'tcp' ? formatBytesRate(rate) : `${formatRate(rate)} rps`}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
