'use client';

import dynamic from 'next/dynamic';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { graphPath, type GraphRequest } from '@/lib/api/graph';
import { compileFind, findIds, hideIds } from '@/lib/graph/find';
import { useGraph } from '../data/use-graph';
import { useNamespaces } from '../data/use-namespaces';
import { LoadingState, describeError } from '../ui/States';
import type { GraphCanvasHandle } from './canvas/GraphCanvas';
import { toCyElements } from './canvas/to-cy-elements';
import { useConfigStatus } from '../data/use-config-status';
import { downloadBlob, exportName } from './download';
import { drawnAnswer, withEmptyBoxes } from './drawn-answer';
import { GraphStageState } from './GraphStageState';
import { ElementsList } from './ElementsList';
import { indexGraph } from './graph-index';
import { GraphLegend } from './GraphLegend';
import { GraphToolbar } from './GraphToolbar';
import { refreshMs } from './graph-url-state';
import { GraphSidePanel } from './panel/GraphSidePanel';
import { useGraphShortcuts } from './use-graph-shortcuts';
import { useGraphUrlState } from './use-graph-url-state';

// Cytoscape touches `window` at import: load the canvas in the browser only.
const GraphCanvas = dynamic(() => import('./canvas/GraphCanvas'), { ssr: false, loading: () => <LoadingState label="Loading graph view…" /> });

const EMPTY: ReadonlySet<string> = new Set();

/** `/graph`: the live topology of the chosen namespaces, with find/hide, details and export. */
export function GraphPage() {
  const [view, update] = useGraphUrlState();
  const namespaces = useNamespaces();
  const canvas = useRef<GraphCanvasHandle>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const [legendOpen, setLegendOpen] = useState(false);

  // No namespace in the link: pick bookinfo (the demo) or the first one, and write it into the URL.
  useEffect(() => {
    if (view.namespaces.length > 0 || !namespaces.data || namespaces.data.length === 0) return;
    const names = namespaces.data.map((n) => n.name);
    update({ namespaces: [names.includes('bookinfo') ? 'bookinfo' : (names[0] as string)] });
  }, [view.namespaces.length, namespaces.data, update]);

  const req: GraphRequest = {
    namespaces: view.namespaces,
    graphType: view.graphType,
    duration: view.duration,
    injectServiceNodes: view.injectServiceNodes,
    idleNodes: view.idleNodes || undefined,
    boxBy: view.boxBy.length > 0 ? view.boxBy : undefined,
  };
  const q = useGraph(req, refreshMs(view.refresh));
  // The API path of the answer on the canvas (none while an earlier view's answer stands in): tests fetch
  // it to compare what is drawn with what the server says.
  const answerPath = q.data && !q.isPlaceholderData ? graphPath(req) : undefined;
  const graph = q.data;
  // Keyed by value: the URL parser makes new arrays on every URL change (e.g. a selection), and a new
  // elements object would make the canvas diff 1,000 nodes for nothing.
  const nsKey = view.namespaces.join(',');
  const labelsKey = view.edgeLabels.join(',');
  const configStatus = useConfigStatus(view.namespaces);
  const elements = useMemo(
    () => (graph ? toCyElements(graph, nsKey.split(','), labelsKey ? (labelsKey.split(',') as typeof view.edgeLabels) : [], configStatus) : undefined),
    [graph, nsKey, labelsKey, configStatus],
  );
  const index = useMemo(() => indexGraph(graph), [graph]);
  const findGraph = useMemo(() => ({ nodes: [...index.nodes.values()], edges: [...index.edges.values()] }), [index]);
  const found = useMemo(() => {
    const r = view.find ? compileFind(view.find) : undefined;
    return r?.ok ? findIds(findGraph, r.matcher) : EMPTY;
  }, [view.find, findGraph]);
  const hidden = useMemo(() => {
    const r = view.hide ? compileFind(view.hide) : undefined;
    return r?.ok ? withEmptyBoxes(findGraph.nodes, hideIds(findGraph, r.matcher)) : EMPTY;
  }, [view.hide, findGraph]);

  const select = useCallback((id: string | undefined) => update({ selected: id }), [update]);
  useGraphShortcuts({
    focusFind: () => findRef.current?.focus(),
    fit: () => canvas.current?.fit(),
    relayout: () => canvas.current?.relayout(),
    toggleAnimate: () => update({ animate: !view.animate }),
    clearSelection: () => select(undefined),
  });

  // Both exports are what is drawn: the PNG is the canvas (locks included), the JSON the answer minus hidden.
  const exportPng = () => {
    const pending = canvas.current?.png();
    if (!pending || !graph) return;
    const name = exportName(view.namespaces, graph.timestamp, 'png');
    pending.then((blob) => downloadBlob(blob, name)).catch((err: unknown) => console.warn('PNG export failed', err));
  };
  const exportJson = () => {
    if (!graph) return;
    const drawn = drawnAnswer(graph, hidden);
    downloadBlob(new Blob([JSON.stringify(drawn, null, 2)], { type: 'application/json' }), exportName(view.namespaces, graph.timestamp, 'json'));
  };

  const nodeCount = elements?.nodes.length ?? 0;
  const summary = `Service graph of ${view.namespaces.join(', ')}: ${nodeCount} nodes, ${elements?.edges.length ?? 0} edges${found.size ? `, ${found.size} found` : ''}${view.selected ? `, selected ${view.selected}` : ''}`;

  return (
    <div className="page-fill gr-page">
      <h1 className="visually-hidden">Graph</h1>
      <GraphToolbar
        view={view}
        update={update}
        findRef={findRef}
        findCount={view.find ? found.size : undefined}
        hideCount={view.hide ? hidden.size : undefined}
        fetching={q.isFetching}
        updatedAt={q.dataUpdatedAt || undefined}
        onRefresh={() => void q.refetch()}
        onFit={() => canvas.current?.fit()}
        onRelayout={() => canvas.current?.relayout()}
        onExportPng={exportPng}
        onExportJson={exportJson}
        legendOpen={legendOpen}
        onToggleLegend={() => setLegendOpen((o) => !o)}
        canExport={!!graph}
      />
      {q.isError && graph ? (
        <div className="gr-banner" role="status">
          Showing the graph from {new Date(q.dataUpdatedAt).toLocaleTimeString()}: refresh failed — {describeError(q.error).detail}
        </div>
      ) : null}
      <div className="gr-body">
        <div className="gr-stage">
          {elements ? (
            <GraphCanvas
              ref={canvas}
              elements={elements}
              layout={view.layout}
              find={found}
              hide={hidden}
              animate={view.animate}
              selected={view.selected}
              onSelect={select}
              summary={summary}
              renderer={view.renderer}
              answerPath={answerPath}
            />
          ) : null}
          <div className="gr-stage-state">
            <GraphStageState
              namespaces={view.namespaces}
              known={namespaces.data?.map((n) => n.name)}
              namespacesError={namespaces.isError ? namespaces.error : undefined}
              namespacesPending={namespaces.isPending}
              onRetryNamespaces={() => void namespaces.refetch()}
              graphPending={q.isPending}
              graphError={q.isError && !graph ? q.error : undefined}
              onRetryGraph={() => void q.refetch()}
              nodeCount={nodeCount}
              duration={view.duration}
              idleNodes={view.idleNodes}
              onWiden={() => update({ duration: '1h' })}
              onShowIdle={() => update({ idleNodes: true })}
            />
          </div>
          {legendOpen ? <GraphLegend /> : null}
          <p className="visually-hidden" aria-live="polite" data-testid="graph-summary-text">
            {summary}
          </p>
        </div>
        {graph ? (
          <div className="gr-side-wrap">
            <GraphSidePanel graph={graph} index={index} selected={view.selected} namespaces={view.namespaces} duration={view.duration} onSelect={select} />
            <ElementsList index={index} hidden={hidden} selected={view.selected} onSelect={select} />
          </div>
        ) : null}
      </div>
    </div>
  );
}
