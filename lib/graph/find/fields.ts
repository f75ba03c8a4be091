import type { EdgeData, NodeData } from '../../api/graph';

/** A graph element as the find/hide language sees it. */
export type FindElement = { kind: 'node'; data: NodeData } | { kind: 'edge'; data: EdgeData };

export type Target = 'node' | 'edge' | 'any';

export type FieldSpec =
  | { target: 'node'; type: 'string'; get: (n: NodeData) => (string | undefined)[] }
  | { target: 'edge'; type: 'string'; get: (e: EdgeData) => (string | undefined)[] }
  | { target: 'node'; type: 'number'; get: (n: NodeData) => number | undefined }
  | { target: 'edge'; type: 'number'; get: (e: EdgeData) => number | undefined }
  | { target: 'node'; type: 'nodeType'; get: (n: NodeData) => (string | undefined)[] };

export type FlagSpec =
  | { target: 'node'; test: (n: NodeData) => boolean }
  | { target: 'edge'; test: (e: EdgeData) => boolean }
  | { target: 'any'; test: (d: NodeData | EdgeData) => boolean };

function nodeRate(n: NodeData, key: string): number {
  for (const t of n.traffic ?? []) {
    const v = (t.rates as Record<string, number | undefined>)[key];
    if (v !== undefined) return v;
  }
  return 0;
}

function edgeRate(e: EdgeData, key: string): number | undefined {
  const v = (e.traffic.rates as Record<string, number | undefined>)[key];
  // An edge of another protocol has no such rate at all; one of this protocol with no value carried none.
  if (v !== undefined) return v;
  return key.startsWith(e.traffic.protocol) ? 0 : undefined;
}

const nodeNum = (key: string): FieldSpec => ({ target: 'node', type: 'number', get: (n) => nodeRate(n, key) });
const edgeNum = (key: string): FieldSpec => ({ target: 'edge', type: 'number', get: (e) => edgeRate(e, key) });

/** Operands with values. Names are case-insensitive; aliases as in Kiali (`ns`, `svc`, `wl`, `rt`). */
export const FIELDS: Record<string, FieldSpec> = {
  // nodes
  name: { target: 'node', type: 'string', get: (n) => [n.app, n.service, n.workload] },
  app: { target: 'node', type: 'string', get: (n) => [n.app] },
  version: { target: 'node', type: 'string', get: (n) => [n.version] },
  namespace: { target: 'node', type: 'string', get: (n) => [n.namespace] },
  ns: { target: 'node', type: 'string', get: (n) => [n.namespace] },
  cluster: { target: 'node', type: 'string', get: (n) => [n.cluster] },
  service: { target: 'node', type: 'string', get: (n) => [n.service] },
  svc: { target: 'node', type: 'string', get: (n) => [n.service] },
  workload: { target: 'node', type: 'string', get: (n) => [n.workload] },
  wl: { target: 'node', type: 'string', get: (n) => [n.workload] },
  node: { target: 'node', type: 'nodeType', get: (n) => [n.nodeType] },
  httpin: nodeNum('httpIn'),
  httpout: nodeNum('httpOut'),
  grpcin: nodeNum('grpcIn'),
  grpcout: nodeNum('grpcOut'),
  tcpin: nodeNum('tcpIn'),
  tcpout: nodeNum('tcpOut'),
  // edges
  http: edgeNum('http'),
  '%httperr': edgeNum('httpPercentErr'),
  '%httperror': edgeNum('httpPercentErr'),
  '%httptraffic': edgeNum('httpPercentReq'),
  grpc: edgeNum('grpc'),
  '%grpcerr': edgeNum('grpcPercentErr'),
  '%grpcerror': edgeNum('grpcPercentErr'),
  '%grpctraffic': edgeNum('grpcPercentReq'),
  tcp: edgeNum('tcp'),
  responsetime: { target: 'edge', type: 'number', get: (e) => e.responseTime },
  rt: { target: 'edge', type: 'number', get: (e) => e.responseTime },
  throughput: { target: 'edge', type: 'number', get: (e) => e.throughput },
  protocol: { target: 'edge', type: 'string', get: (e) => [e.traffic.protocol] },
  sourceprincipal: { target: 'edge', type: 'string', get: (e) => [e.sourcePrincipal] },
  destprincipal: { target: 'edge', type: 'string', get: (e) => [e.destPrincipal] },
};

/** Accepted spellings of `node = <type>`. */
export const NODE_TYPE_ALIASES: Record<string, string> = {
  app: 'app',
  service: 'service',
  svc: 'service',
  workload: 'workload',
  wl: 'workload',
  unknown: 'unknown',
  box: 'box',
};

const health = (s: string): FlagSpec => ({ target: 'any', test: (d) => d.healthStatus === s });
const nodeFlag = (test: (n: NodeData) => boolean): FlagSpec => ({ target: 'node', test });

/** Unary operands (`healthy`, `!mtls`, `has cb`). */
export const FLAGS: Record<string, FlagSpec> = {
  healthy: health('Healthy'),
  degraded: health('Degraded'),
  failure: health('Failure'),
  unhealthy: { target: 'any', test: (d) => d.healthStatus === 'Degraded' || d.healthStatus === 'Failure' },
  cb: nodeFlag((n) => n.hasCB),
  circuitbreaker: nodeFlag((n) => n.hasCB),
  fi: nodeFlag((n) => n.hasFaultInjection),
  faultinjection: nodeFlag((n) => n.hasFaultInjection),
  idle: nodeFlag((n) => n.isIdle),
  dead: nodeFlag((n) => n.isIdle),
  inaccessible: nodeFlag((n) => n.isInaccessible === true),
  mirroring: nodeFlag((n) => n.hasMirroring),
  outside: nodeFlag((n) => n.isOutside),
  outsider: nodeFlag((n) => n.isOutside),
  root: nodeFlag((n) => n.isRoot),
  trafficsource: nodeFlag((n) => n.isRoot),
  rr: nodeFlag((n) => n.hasRequestRouting),
  requestrouting: nodeFlag((n) => n.hasRequestRouting),
  rto: nodeFlag((n) => n.hasRequestTimeout),
  requesttimeout: nodeFlag((n) => n.hasRequestTimeout),
  se: nodeFlag((n) => n.isServiceEntry !== undefined),
  serviceentry: nodeFlag((n) => n.isServiceEntry !== undefined),
  sc: nodeFlag((n) => !n.isOutOfMesh),
  sidecar: nodeFlag((n) => !n.isOutOfMesh),
  ts: nodeFlag((n) => n.hasTrafficShifting),
  trafficshifting: nodeFlag((n) => n.hasTrafficShifting),
  tcpts: nodeFlag((n) => n.hasTCPTrafficShifting),
  tcptrafficshifting: nodeFlag((n) => n.hasTCPTrafficShifting),
  vs: nodeFlag((n) => n.hasVS !== undefined),
  virtualservice: nodeFlag((n) => n.hasVS !== undefined),
  gateway: nodeFlag((n) => n.isGateway !== undefined),
  mtls: { target: 'edge', test: (e) => (e.isMTLS ?? 0) > 0 },
  traffic: {
    target: 'edge',
    test: (e) => Object.values(e.traffic.rates as Record<string, number | undefined>).some((v) => (v ?? 0) > 0),
  },
};
