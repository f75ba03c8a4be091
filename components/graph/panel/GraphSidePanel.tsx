import type { GraphResponse } from '@/lib/api/graph';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/States';
import type { GraphIndex } from '../graph-index';
import { EdgeDetails } from './EdgeDetails';
import { GraphSummary } from './GraphSummary';
import { NodeDetails } from './NodeDetails';

export interface GraphSidePanelProps {
  graph: GraphResponse;
  index: GraphIndex;
  selected: string | undefined;
  namespaces: string[];
  duration: string;
  onSelect: (id: string | undefined) => void;
}

/** Details of the selection (or of the whole graph), beside the canvas. */
export function GraphSidePanel({ graph, index, selected, namespaces, duration, onSelect }: GraphSidePanelProps) {
  const node = selected ? index.nodes.get(selected) : undefined;
  const edge = selected && !node ? index.edges.get(selected) : undefined;
  return (
    <aside className="gr-side" aria-label="Details" data-testid="side-panel">
      {selected ? (
        <div className="gr-side-close">
          <Button variant="ghost" onClick={() => onSelect(undefined)} aria-label="Clear selection" title="Clear selection (Esc)">
            ✕
          </Button>
        </div>
      ) : null}
      {node ? (
        <NodeDetails node={node} index={index} namespaces={namespaces} duration={duration} queryTime={graph.timestamp} onSelect={onSelect} />
      ) : edge ? (
        <EdgeDetails edge={edge} index={index} namespaces={namespaces} duration={duration} queryTime={graph.timestamp} onSelect={onSelect} />
      ) : selected ? (
        <EmptyState compact title="Not in this graph" detail="The selected element has no traffic in this window or was hidden by the filters." />
      ) : (
        <GraphSummary graph={graph} namespaces={namespaces} />
      )}
    </aside>
  );
}
