/**
 * The working graph the builder fills from telemetry and the appenders decorate. Nodes hold identity and
 * badges; edges hold the traffic (node rates are summed from edges when the graph is serialised).
 */
import { NODE_FLAGS_OFF, type GraphType, type HealthStatus, type NodeType, type Protocol, type ServiceName } from '../api/graph';
import { edgeId, type NodeIdentity, UNKNOWN } from './node-id';
import { SmallMap } from './small-map';
import { classifyResponse, type ErrorClass } from '../traffic/error-rule';
import type { HealthReason } from '../traffic/health';

export interface GraphNode {
  id: string;
  nodeType: NodeType;
  cluster: string;
  namespace: string;
  workload: string;
  app: string;
  version: string;
  service: string;
  destServices: Map<string, ServiceName>;
  /** A service node the builder put between a caller and the workloads behind it. */
  isInjected: boolean;
  isRoot: boolean;
  isIdle: boolean;
  isOutside: boolean;
  isOutOfMesh: boolean;
  isGateway?: { ingressInfo?: { hostnames?: string[] }; egressInfo?: { hostnames?: string[] } };
  isServiceEntry?: { location: string; hosts: string[] };
  hasVS?: { hostnames?: string[] };
  hasCB: boolean;
  hasTrafficShifting: boolean;
  hasTCPTrafficShifting: boolean;
  hasFaultInjection: boolean;
  hasRequestRouting: boolean;
  hasRequestTimeout: boolean;
  hasMirroring: boolean;
  healthStatus?: HealthStatus;
  healthReason?: HealthReason;
  /** Reporters whose telemetry named this node as the destination workload (for the out-of-mesh check). */
  reportedAsDestinationBy: Set<'source' | 'destination'>;
  /** Set on box (compound) nodes. */
  isBox?: string;
  parent?: string;
}

/** Rates of one response code by flags and by destination host (usually one of each). */
export interface ResponseTally {
  flags: SmallMap<number>;
  hosts: SmallMap<number>;
}

export interface GraphEdge {
  id: string;
  source: GraphNode;
  target: GraphNode;
  protocol: Protocol;
  /** Requests/s (HTTP, gRPC) or bytes/s (TCP). */
  total: number;
  r3xx: number;
  r4xx: number;
  r5xx: number;
  noResponse: number;
  grpcErr: number;
  /** Failed requests/s by the one error rule (lib/traffic/error-rule), by class. */
  errors: number;
  errorsByClass: Record<Exclude<ErrorClass, 'ok'>, number>;
  responses: SmallMap<ResponseTally>;
  /** Part of `total` over mutual TLS (destination telemetry says so). */
  mtls: number;
  sourcePrincipal?: string;
  destPrincipal?: string;
  responseTime?: number;
  throughput?: number;
  healthStatus?: HealthStatus;
  healthReason?: HealthReason;
}

export interface TrafficGraph {
  graphType: GraphType;
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
}

export function newGraph(graphType: GraphType): TrafficGraph {
  return { graphType, nodes: new Map(), edges: new Map() };
}

export interface NodeFields {
  cluster: string;
  namespace: string;
  workload: string;
  app: string;
  version: string;
  service: string;
}

/** Adds (or finds) a node, trimming fields that do not belong to its type as Kiali does. */
export function ensureNode(g: TrafficGraph, ident: NodeIdentity, f: NodeFields): GraphNode {
  const found = g.nodes.get(ident.id);
  if (found) return found;
  let { workload, app, version, service } = f;
  switch (ident.nodeType) {
    case 'app':
      // A versioned app node keeps its workload: app+version should be backed by one workload.
      if (g.graphType !== 'versionedApp') {
        workload = '';
        version = '';
      }
      service = '';
      break;
    case 'service':
      app = '';
      workload = '';
      version = '';
      break;
    case 'workload':
      if (app === UNKNOWN) app = '';
      if (version === UNKNOWN) version = '';
      service = '';
      break;
    case 'unknown':
      // A caller without a proxy: nothing is known but that it called.
      workload = UNKNOWN;
      app = UNKNOWN;
      version = UNKNOWN;
      service = '';
      break;
    default:
      break;
  }
  const node: GraphNode = {
    id: ident.id,
    nodeType: ident.nodeType,
    cluster: f.cluster,
    namespace: f.namespace,
    workload,
    app,
    version,
    service,
    destServices: new Map(),
    isInjected: false,
    ...NODE_FLAGS_OFF,
    reportedAsDestinationBy: new Set(),
  };
  g.nodes.set(ident.id, node);
  return node;
}

/** The edge source → target for a protocol, created on first use (`id` may be passed when already known). */
export function ensureEdge(g: TrafficGraph, source: GraphNode, target: GraphNode, protocol: Protocol, id = edgeId(source.id, target.id, protocol)): GraphEdge {
  let e = g.edges.get(id);
  if (!e) {
    e = { id, source, target, protocol, total: 0, r3xx: 0, r4xx: 0, r5xx: 0, noResponse: 0, grpcErr: 0, errors: 0, errorsByClass: noErrors(), responses: new SmallMap(), mtls: 0 };
    g.edges.set(id, e);
  }
  return e;
}

/** Error rates by class, all zero. */
export function noErrors(): Record<Exclude<ErrorClass, 'ok'>, number> {
  return { 'no-response': 0, '5xx': 0, '4xx': 0, grpc: 0, flag: 0 };
}

/**
 * Adds one rate to an edge: the wire tallies as Kiali shows them (`-` is no response; 3xx/4xx/5xx; gRPC non-OK)
 * and the failed share by the one error rule.
 */
export function addEdgeTraffic(e: GraphEdge, value: number, code: string, flags: string, host: string): void {
  if (!(value > 0)) return;
  e.total += value;
  const c = e.protocol === 'tcp' ? '-' : code === '' ? '-' : code;
  let r = e.responses.get(c);
  if (!r) {
    r = { flags: new SmallMap(), hosts: new SmallMap() };
    e.responses.set(c, r);
  }
  if (flags !== '') r.flags.set(flags, (r.flags.get(flags) ?? 0) + value);
  if (host !== '') r.hosts.set(host, (r.hosts.get(host) ?? 0) + value);
  if (e.protocol === 'tcp') return;
  const cls = classifyResponse(e.protocol, c, flags);
  if (cls !== 'ok') {
    e.errors += value;
    e.errorsByClass[cls] += value;
  }
  if (c === '-') {
    e.noResponse += value;
    return;
  }
  if (e.protocol === 'grpc') {
    if (cls !== 'ok') e.grpcErr += value;
    return;
  }
  if (c[0] === '3') e.r3xx += value;
  else if (c[0] === '4') e.r4xx += value;
  else if (c[0] === '5') e.r5xx += value;
}

/** Failed requests/s of an edge by the one error rule (lib/traffic/error-rule). */
export function edgeErrors(e: GraphEdge): number {
  return e.protocol === 'tcp' ? 0 : e.errors;
}
