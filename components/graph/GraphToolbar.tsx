'use client';

import type { RefObject } from 'react';
import { GRAPH_TYPES, type GraphType } from '@/lib/api/graph';
import { Button } from '../ui/Button';
import { Select } from '../ui/Select';
import { FindHelp } from './FindHelp';
import { FindHideInput } from './FindHideInput';
import { DURATIONS, REFRESHES, type EdgeLabel, type GraphViewState, type LayoutName } from './graph-url-state';
import { NamespacePicker } from './NamespacePicker';

const GRAPH_TYPE_LABELS: Record<GraphType, string> = {
  app: 'App graph',
  versionedApp: 'Versioned app graph',
  workload: 'Workload graph',
  service: 'Service graph',
};

const EDGE_LABEL_TEXT: Record<EdgeLabel, string> = { rate: 'Rate', percent: '% req', rt: 'p95' };

export interface GraphToolbarProps {
  view: GraphViewState;
  update: (patch: Partial<GraphViewState>) => void;
  findRef: RefObject<HTMLInputElement | null>;
  findCount?: number;
  hideCount?: number;
  fetching: boolean;
  updatedAt?: number;
  onRefresh: () => void;
  onFit: () => void;
  onRelayout: () => void;
  onExportPng: () => void;
  onExportJson: () => void;
  legendOpen: boolean;
  onToggleLegend: () => void;
  canExport: boolean;
}

/** Two rows: what to fetch (namespaces, type, window, refresh), then how to show it (layout, labels, find/hide). */
export function GraphToolbar(p: GraphToolbarProps) {
  const { view, update } = p;
  const toggleLabel = (l: EdgeLabel) =>
    update({ edgeLabels: view.edgeLabels.includes(l) ? view.edgeLabels.filter((x) => x !== l) : [...view.edgeLabels, l] });
  return (
    <div className="gr-toolbar" role="toolbar" aria-label="Graph options">
      <div className="ui-toolbar">
        <NamespacePicker value={view.namespaces} onChange={(namespaces) => update({ namespaces, selected: undefined })} />
        <Select
          label="Graph type"
          hideLabel
          value={view.graphType}
          options={GRAPH_TYPES.map((t) => ({ value: t, label: GRAPH_TYPE_LABELS[t] }))}
          onChange={(graphType) => update({ graphType, selected: undefined })}
        />
        <Select
          label="Window"
          value={view.duration}
          options={[...new Set<string>([...DURATIONS, view.duration])].map((d) => ({ value: d, label: `Last ${d}` }))}
          onChange={(duration) => update({ duration })}
        />
        <Select
          label="Refresh"
          value={view.refresh}
          options={[...new Set<string>([...REFRESHES, view.refresh])].map((r) => ({ value: r, label: r === 'off' ? 'Off' : `Every ${r}` }))}
          onChange={(refresh) => update({ refresh })}
        />
        <Button onClick={p.onRefresh} aria-label="Refresh now" title="Refresh now" disabled={p.fetching}>
          {p.fetching ? 'Refreshing…' : '↻ Refresh'}
        </Button>
        <Select
          label="Group"
          value={view.boxBy.join(',') || 'none'}
          options={[
            { value: 'none', label: 'None' },
            { value: 'namespace', label: 'Namespaces' },
            { value: 'app', label: 'Apps' },
            { value: 'namespace,app', label: 'Namespaces + apps' },
          ]}
          onChange={(v) => update({ boxBy: v === 'none' ? [] : (v.split(',') as GraphViewState['boxBy']) })}
        />
        <label className="gr-check">
          <input type="checkbox" checked={view.injectServiceNodes} onChange={(e) => update({ injectServiceNodes: e.target.checked })} />
          Service nodes
        </label>
        <label className="gr-check">
          <input type="checkbox" checked={view.idleNodes} onChange={(e) => update({ idleNodes: e.target.checked })} />
          Idle nodes
        </label>
        <span className="shell-spacer" />
        {p.updatedAt ? (
          <span className="gr-muted gr-updated" aria-live="off" data-testid="graph-updated" title="Time of the last successful refresh">
            {new Date(p.updatedAt).toLocaleTimeString()}
          </span>
        ) : null}
      </div>
      <div className="ui-toolbar">
        <Select
          label="Layout"
          value={view.layout}
          options={[
            { value: 'dagre' as LayoutName, label: 'Dagre' },
            { value: 'fcose' as LayoutName, label: 'fCoSE' },
          ]}
          onChange={(layout) => update({ layout })}
        />
        <div role="group" aria-label="Edge labels" className="gr-seg">
          <span className="gr-muted">Labels</span>
          {(Object.keys(EDGE_LABEL_TEXT) as EdgeLabel[]).map((l) => (
            <Button key={l} pressed={view.edgeLabels.includes(l)} onClick={() => toggleLabel(l)}>
              {EDGE_LABEL_TEXT[l]}
            </Button>
          ))}
        </div>
        <Button pressed={view.animate} onClick={() => update({ animate: !view.animate })} title="Traffic animation (a)">
          ◉ Animate
        </Button>
        <span className="ui-toolbar-sep" />
        <FindHideInput ref={p.findRef} kind="Find" value={view.find} onCommit={(find) => update({ find })} matches={p.findCount} placeholder="app = reviews" />
        <FindHideInput kind="Hide" value={view.hide} onCommit={(hide) => update({ hide })} matches={p.hideCount} placeholder="!healthy" />
        <FindHelp onPick={(find) => update({ find })} />
        <span className="shell-spacer" />
        <Button onClick={p.onFit} title="Fit to screen (f)">
          Fit
        </Button>
        <Button onClick={p.onRelayout} title="Re-run layout (l)">
          Layout
        </Button>
        <Button pressed={p.legendOpen} onClick={p.onToggleLegend}>
          Legend
        </Button>
        <Button onClick={p.onExportPng} disabled={!p.canExport}>
          PNG
        </Button>
        <Button onClick={p.onExportJson} disabled={!p.canExport}>
          JSON
        </Button>
      </div>
    </div>
  );
}
