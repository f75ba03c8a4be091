/** The side panel's figures for one graph node (received and sent) or edge, with health and reason. */
import type { ItemTrafficFiguresWire } from '../api/traffic-figures';
import type { GraphTelemetry } from '../graph/telemetry';
import { deriveGroups, emptySums, finish, peerOf } from './figures';
import { DEFAULT_HEALTH_POLICY, type HealthPolicy } from './health';
import { edgeSelection, endOfNodeId, isFrom, isTo, selects } from './selection';
import { healthOfFigures } from './verdict';

export interface ItemWindow {
  durationSec: number;
  queryTimeSec: number;
}

/** Figures for a node or edge id of the graph; a string says why the id is unusable. */
export function itemFigures(t: GraphTelemetry, id: string, w: ItemWindow, policy: HealthPolicy = DEFAULT_HEALTH_POLICY): ItemTrafficFiguresWire | string {
  const end = endOfNodeId(id);
  const base = { id, duration: w.durationSec, timestamp: Math.floor(w.queryTimeSec) };
  if (end) {
    const g = deriveGroups(
      t,
      (n) => {
        const out: [string, string][] = [];
        if (isTo(end, n)) out.push(['in', peerOf(n, 'source')]);
        // A service's calls are what it routes to its workloads: name the workload, as the graph's node does.
        if (isFrom(end, n)) out.push(['out', end.kind === 'service' ? n.dest.workload : peerOf(n, 'dest')]);
        return out;
      },
      policy.errors,
    );
    const inbound = finish(g.get('in') ?? emptySums(), w.durationSec);
    const outbound = finish(g.get('out') ?? emptySums(), w.durationSec);
    return { ...base, kind: 'node', inbound, outbound, health: healthOfFigures(inbound, outbound, policy) };
  }
  const sel = edgeSelection(id);
  if (typeof sel === 'string') return sel;
  const g = deriveGroups(t, (n) => (selects(sel, n) ? [['edge', peerOf(n, 'dest')]] : []), policy.errors);
  const inbound = finish(g.get('edge') ?? emptySums(), w.durationSec);
  return { ...base, kind: 'edge', inbound, health: healthOfFigures(inbound, undefined, policy, true) };
}
