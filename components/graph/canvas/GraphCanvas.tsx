'use client';

import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type Ref } from 'react';
import type { Position } from 'cytoscape';
import type { LayoutName } from '../graph-url-state';
import { GraphController, pickRenderer, type RendererMode } from './graph-controller';
import type { CyElements } from './to-cy-elements';
import { hasHardwareWebgl } from './webgl-support';

export interface GraphCanvasHandle {
  fit(): void;
  relayout(): void;
  /** The PNG of what is drawn (canvas size, locks included). */
  png(): Promise<Blob> | undefined;
}

export interface GraphCanvasProps {
  elements: CyElements;
  layout: LayoutName;
  find: ReadonlySet<string>;
  hide: ReadonlySet<string>;
  animate: boolean;
  selected: string | undefined;
  onSelect: (id: string | undefined) => void;
  ref?: Ref<GraphCanvasHandle>;
  /** Accessible description of what the canvas shows (the canvas itself is opaque to screen readers). */
  summary: string;
  renderer: 'auto' | RendererMode;
  /** The API path of the answer being drawn (undefined while an older answer stands in); a test attribute. */
  answerPath?: string;
}

/**
 * The one long-lived Cytoscape view. The instance is made once and then driven by calls; it is only rebuilt
 * (keeping node positions) when the graph crosses the WebGL size threshold.
 */
export default function GraphCanvas({ elements, layout, find, hide, animate, selected, onSelect, ref, summary, renderer, answerPath }: GraphCanvasProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const ctrlRef = useRef<GraphController | null>(null);
  const onSelectRef = useRef(onSelect);
  useLayoutEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);
  const [mode, setMode] = useState<RendererMode>(() => pickRenderer(undefined, elements.nodes.length, renderer, hasHardwareWebgl()));
  const [generation, setGeneration] = useState(0);
  // The last selection made on the canvas itself: those are already in view; others (lists, links) are revealed.
  const tappedRef = useRef<string | undefined>(undefined);

  const wanted = pickRenderer(mode, elements.nodes.length, renderer, hasHardwareWebgl());
  if (wanted !== mode) setMode(wanted);

  // Create (and on renderer switch, re-create) the instance. Positions survive the switch: the cleanup of
  // the old instance saves them, the new one starts from them instead of running a layout.
  const savedPositions = useRef<Map<string, Position> | undefined>(undefined);
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const ctrl = new GraphController(container, mode, layout, (id) => {
      tappedRef.current = id;
      onSelectRef.current(id);
    });
    ctrlRef.current = ctrl;
    if (savedPositions.current) ctrl.sync(elements, savedPositions.current);
    savedPositions.current = undefined;
    setGeneration((g) => g + 1);
    return () => {
      savedPositions.current = ctrl.positions();
      ctrl.destroy();
      if (ctrlRef.current === ctrl) ctrlRef.current = null;
    };
    // Only the renderer mode re-creates; data, layout and selection flow through the effects below.
  }, [mode]);

  useEffect(() => {
    ctrlRef.current?.sync(elements);
  }, [elements, generation]);

  useEffect(() => {
    ctrlRef.current?.setLayout(layout);
  }, [layout, generation]);

  useEffect(() => {
    ctrlRef.current?.setFindHide(find, hide);
  }, [find, hide, elements, generation]);

  const revealedRef = useRef<string | undefined>(undefined);
  useEffect(() => {
    const reveal = selected !== undefined && selected !== tappedRef.current && selected !== revealedRef.current;
    ctrlRef.current?.select(selected, reveal);
    if (reveal) revealedRef.current = selected;
  }, [selected, elements, generation]);

  useEffect(() => {
    ctrlRef.current?.setAnimating(animate);
  }, [animate, generation]);

  useImperativeHandle(
    ref,
    () => ({
      fit: () => ctrlRef.current?.fit(),
      relayout: () => ctrlRef.current?.runLayout(false),
      png: () => ctrlRef.current?.png(),
    }),
    [],
  );

  return (
    <div
      ref={containerRef}
      className="gr-canvas"
      role="img"
      aria-label={summary}
      aria-roledescription="graph"
      aria-keyshortcuts="ArrowUp ArrowDown ArrowLeft ArrowRight + -"
      tabIndex={0}
      onKeyDown={(e) => {
        const ctrl = ctrlRef.current;
        if (!ctrl || e.ctrlKey || e.metaKey || e.altKey) return;
        const step = e.shiftKey ? 200 : 60;
        const moves: Record<string, () => void> = {
          ArrowLeft: () => ctrl.panBy(step, 0),
          ArrowRight: () => ctrl.panBy(-step, 0),
          ArrowUp: () => ctrl.panBy(0, step),
          ArrowDown: () => ctrl.panBy(0, -step),
          '+': () => ctrl.zoomBy(1.25),
          '=': () => ctrl.zoomBy(1.25),
          '-': () => ctrl.zoomBy(0.8),
        };
        const move = moves[e.key];
        if (move) {
          e.preventDefault();
          move();
        }
      }}
      data-testid="graph-canvas"
      data-renderer={ctrlRef.current?.renderer ?? mode}
      data-nodes={elements.nodes.length}
      data-edges={elements.edges.length}
      data-answer={answerPath}
    />
  );
}
