/**
 * What a figure is about: one end of a request (a namespace, service, workload, app or app version, or the
 * callers outside the mesh) in a direction, or an edge between two ends. Matched against a normalised telemetry
 * row (lib/graph/build-traffic) the way the graph maps rows to nodes: a node id (lib/graph/node-id) names the
 * same selection.
 */
import type { Protocol } from '../api/graph';
import type { NormalisedRow } from '../graph/build-traffic';
import { isOK, parseEdgeId, parseNodeId } from '../graph/node-id';

export type EndSelector =
  | { kind: 'namespace'; namespace: string }
  | { kind: 'service'; namespace: string; service: string }
  | { kind: 'workload'; namespace: string; workload: string }
  | { kind: 'app'; namespace: string; app: string; version?: string }
  | { kind: 'unknown' };

export type TrafficSelection =
  | { kind: 'item'; item: EndSelector; direction: 'inbound' | 'outbound' }
  | { kind: 'edge'; source: EndSelector; target: EndSelector; protocol?: Protocol };

type Row = Pick<NormalisedRow, 'source' | 'dest' | 'protocol'>;

const destNamespace = (r: Row) => (isOK(r.dest.workloadNamespace) ? r.dest.workloadNamespace : r.dest.serviceNamespace);

/** Whether a row's destination is `s` (a service receives every request to it, served or not). */
export function isTo(s: EndSelector, r: Row): boolean {
  switch (s.kind) {
    case 'namespace':
      return destNamespace(r) === s.namespace;
    case 'service':
      return r.dest.serviceNamespace === s.namespace && r.dest.service === s.service;
    case 'workload':
      return r.dest.workloadNamespace === s.namespace && r.dest.workload === s.workload;
    case 'app':
      return destNamespace(r) === s.namespace && r.dest.app === s.app && (s.version === undefined || r.dest.version === s.version);
    case 'unknown':
      return false;
  }
}

/** Whether a row's source is `s` (a service "sends" what it routes to its workloads). */
export function isFrom(s: EndSelector, r: Row): boolean {
  switch (s.kind) {
    case 'namespace':
      return r.source.workloadNamespace === s.namespace;
    case 'service':
      return r.dest.serviceNamespace === s.namespace && r.dest.service === s.service && isOK(r.dest.workload);
    case 'workload':
      return r.source.workloadNamespace === s.namespace && r.source.workload === s.workload;
    case 'app':
      return r.source.workloadNamespace === s.namespace && r.source.app === s.app && (s.version === undefined || r.source.version === s.version);
    case 'unknown':
      return !isOK(r.source.workload) && !isOK(r.source.workloadNamespace);
  }
}

/** Whether a row belongs to a selection. */
export function selects(sel: TrafficSelection, r: Row): boolean {
  if (sel.kind === 'item') return sel.direction === 'inbound' ? isTo(sel.item, r) : isFrom(sel.item, r);
  if (sel.protocol !== undefined && r.protocol !== sel.protocol) return false;
  return isFrom(sel.source, r) && isTo(sel.target, r);
}

/** The end a graph node id names; undefined when the id is not one. */
export function endOfNodeId(id: string): EndSelector | undefined {
  const n = parseNodeId(id);
  if (!n) return undefined;
  switch (n.kind) {
    case 'unknown':
      return { kind: 'unknown' };
    case 'service':
      return { kind: 'service', namespace: n.namespace, service: n.service };
    case 'workload':
      return { kind: 'workload', namespace: n.namespace, workload: n.workload };
    case 'app':
      return { kind: 'app', namespace: n.namespace, app: n.app, ...(n.version ? { version: n.version } : {}) };
  }
}

/** The selection behind a graph edge id; a string says why it is unusable. */
export function edgeSelection(id: string): TrafficSelection | string {
  const e = parseEdgeId(id);
  if (!e) return `not a graph node or edge id: ${JSON.stringify(id)}`;
  const source = endOfNodeId(e.source);
  const target = endOfNodeId(e.target);
  if (!source || !target) return `not a graph edge id: ${JSON.stringify(id)}`;
  if (e.protocol !== 'http' && e.protocol !== 'grpc' && e.protocol !== 'tcp') return `unknown protocol in edge id: ${JSON.stringify(e.protocol)}`;
  return { kind: 'edge', source, target, protocol: e.protocol };
}
