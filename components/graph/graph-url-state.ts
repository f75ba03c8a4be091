import { GRAPH_TYPES, type GraphType } from '@/lib/api/graph';
import { parseDuration } from '@/lib/time/duration';

export const LAYOUTS = ['dagre', 'fcose'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

export const EDGE_LABELS = ['rate', 'percent', 'rt'] as const;
export type EdgeLabel = (typeof EDGE_LABELS)[number];

export const RENDERERS = ['auto', 'canvas', 'webgl'] as const;
export type RendererPick = (typeof RENDERERS)[number];

export const BOX_BY = ['namespace', 'app'] as const;
export type BoxBy = (typeof BOX_BY)[number];

export const DURATIONS = ['60s', '5m', '10m', '30m', '1h', '3h', '6h'] as const;
export const REFRESHES = ['off', '5s', '10s', '15s', '30s', '1m', '5m'] as const;

/** Everything the graph page shows is decided by this object, and it round-trips through the URL query. */
export interface GraphViewState {
  namespaces: string[];
  graphType: GraphType;
  duration: string;
  refresh: string;
  layout: LayoutName;
  edgeLabels: EdgeLabel[];
  injectServiceNodes: boolean;
  idleNodes: boolean;
  /** Compound boxes around namespaces and/or apps (Kiali's "boxBy"). */
  boxBy: BoxBy[];
  find: string;
  hide: string;
  animate: boolean;
  /** `auto` uses WebGL for big graphs; a machine with a poor WebGL driver can force the 2D canvas. */
  renderer: RendererPick;
  /** Selected node or edge id. */
  selected?: string;
}

export const DEFAULT_VIEW: GraphViewState = {
  namespaces: [],
  graphType: 'versionedApp',
  duration: '60s',
  refresh: '15s',
  layout: 'dagre',
  edgeLabels: ['rate'],
  injectServiceNodes: true,
  idleNodes: false,
  boxBy: [],
  find: '',
  hide: '',
  animate: false,
  renderer: 'auto',
};

const pick = <T extends string>(allowed: readonly T[], v: string | null, dflt: T): T =>
  v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : dflt;

const bool = (v: string | null, dflt: boolean) => (v === null ? dflt : v === 'true' || v === '1');

/** Reads the view from a URL query. Unknown or malformed values fall back to defaults (never throw on a bad link). */
export function parseGraphView(q: URLSearchParams): GraphViewState {
  const duration = q.get('duration');
  const refresh = q.get('refresh');
  const labels = q.get('edgeLabels');
  return {
    namespaces: (q.get('namespaces') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    graphType: pick(GRAPH_TYPES, q.get('graphType'), DEFAULT_VIEW.graphType),
    duration: duration !== null && parseDuration(duration) !== undefined ? duration : DEFAULT_VIEW.duration,
    refresh: refresh === 'off' || (refresh !== null && parseDuration(refresh) !== undefined) ? refresh : DEFAULT_VIEW.refresh,
    layout: pick(LAYOUTS, q.get('layout'), DEFAULT_VIEW.layout),
    edgeLabels:
      labels === null
        ? DEFAULT_VIEW.edgeLabels
        : labels
            .split(',')
            .filter((l): l is EdgeLabel => (EDGE_LABELS as readonly string[]).includes(l)),
    injectServiceNodes: bool(q.get('injectServiceNodes'), DEFAULT_VIEW.injectServiceNodes),
    idleNodes: bool(q.get('idleNodes'), DEFAULT_VIEW.idleNodes),
    boxBy: (q.get('boxBy') ?? '').split(',').filter((b): b is BoxBy => (BOX_BY as readonly string[]).includes(b)),
    // `focus=<app>` (links from traces) highlights that app, unless an explicit find is given.
    find: q.get('find') ?? (q.get('focus') ? `app = ${q.get('focus')}` : ''),
    hide: q.get('hide') ?? '',
    animate: bool(q.get('animate'), DEFAULT_VIEW.animate),
    renderer: pick(RENDERERS, q.get('renderer'), DEFAULT_VIEW.renderer),
    selected: q.get('selected') || undefined,
  };
}

/**
 * Writes the view as a URL query. The contract's three keys always come first (so links read like CONTRACT §6);
 * other keys only when they differ from the default, to keep bookmarks short.
 */
export function serializeGraphView(v: GraphViewState): string {
  const q = new URLSearchParams();
  q.set('namespaces', v.namespaces.join(','));
  q.set('graphType', v.graphType);
  q.set('duration', v.duration);
  if (v.refresh !== DEFAULT_VIEW.refresh) q.set('refresh', v.refresh);
  if (v.layout !== DEFAULT_VIEW.layout) q.set('layout', v.layout);
  if (v.edgeLabels.join(',') !== DEFAULT_VIEW.edgeLabels.join(',')) q.set('edgeLabels', v.edgeLabels.join(','));
  if (v.injectServiceNodes !== DEFAULT_VIEW.injectServiceNodes) q.set('injectServiceNodes', String(v.injectServiceNodes));
  if (v.idleNodes !== DEFAULT_VIEW.idleNodes) q.set('idleNodes', String(v.idleNodes));
  if (v.boxBy.length > 0) q.set('boxBy', v.boxBy.join(','));
  if (v.find) q.set('find', v.find);
  if (v.hide) q.set('hide', v.hide);
  if (v.animate) q.set('animate', 'true');
  if (v.renderer !== DEFAULT_VIEW.renderer) q.set('renderer', v.renderer);
  if (v.selected) q.set('selected', v.selected);
  return q.toString().replace(/%2C/g, ',');
}

/** The polling interval in ms for a refresh pick, or false when off. */
export function refreshMs(refresh: string): number | false {
  if (refresh === 'off') return false;
  const ms = parseDuration(refresh);
  return ms === undefined ? false : Math.max(1000, ms);
}
