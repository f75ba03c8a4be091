import { describe, expect, it } from 'vitest';
import { NODE_FLAGS_OFF, type EdgeData, type NodeData } from '../../api/graph';
import { findIds, hideIds } from './apply';
import { compileFind } from './compile';

function node(id: string, over: Partial<NodeData>): NodeData {
  return {
    id,
    nodeType: 'app',
    cluster: 'c1',
    namespace: 'bookinfo',
    ...NODE_FLAGS_OFF,
    ...over,
  };
}

function httpEdge(source: string, target: string, http: number, err: number, rt: number, mtls: number, health: EdgeData['healthStatus'] = 'Healthy'): EdgeData {
  return {
    id: `${source}>${target}`,
    source,
    target,
    traffic: { protocol: 'http', rates: { http, httpPercentErr: err, httpPercentReq: 100 }, responses: {} },
    responseTime: rt,
    isMTLS: mtls,
    healthStatus: health,
  };
}

const nodes: NodeData[] = [
  node('gw', { nodeType: 'workload', namespace: 'istio-system', workload: 'istio-ingressgateway', app: 'istio-ingressgateway', isRoot: true, isGateway: {}, traffic: [{ protocol: 'http', rates: { httpOut: 10 } }] }),
  node('pp', { app: 'productpage', version: 'v1', workload: 'productpage-v1', healthStatus: 'Healthy', traffic: [{ protocol: 'http', rates: { httpIn: 10, httpOut: 20 } }] }),
  node('svc-reviews', { nodeType: 'service', service: 'reviews', hasVS: {}, hasTrafficShifting: true }),
  node('rv1', { app: 'reviews', version: 'v1', workload: 'reviews-v1', healthStatus: 'Healthy' }),
  node('rv2', { app: 'reviews', version: 'v2', workload: 'reviews-v2', healthStatus: 'Degraded' }),
  node('ratings', { app: 'ratings', version: 'v1', workload: 'ratings-v1', healthStatus: 'Failure' }),
  node('mysql', { nodeType: 'workload', workload: 'mysqldb-v1', app: 'mysqldb', isOutOfMesh: true, traffic: [{ protocol: 'tcp', rates: { tcpIn: 2048 } }] }),
  node('idle', { app: 'details', version: 'v2', workload: 'details-v2', isIdle: true }),
];
const edges: EdgeData[] = [
  httpEdge('gw', 'pp', 10, 0, 20, 100),
  httpEdge('pp', 'svc-reviews', 10, 0, 45, 100),
  httpEdge('svc-reviews', 'rv1', 8, 0, 5, 100),
  httpEdge('svc-reviews', 'rv2', 2, 12.5, 150, 0, 'Degraded'),
  httpEdge('rv2', 'ratings', 2, 50, 300, 0, 'Failure'),
  { id: 'ratings>mysql', source: 'ratings', target: 'mysql', traffic: { protocol: 'tcp', rates: { tcp: 2048 }, responses: {} }, isMTLS: 0 },
];
const graph = { nodes, edges };

function found(expr: string): string[] {
  const r = compileFind(expr);
  if (!r.ok) throw new Error(`${expr}: ${r.error.message}`);
  return [...findIds(graph, r.matcher)].sort();
}

describe('find', () => {
  const cases: [string, string[]][] = [
    ['app = reviews', ['rv1', 'rv2']],
    ['APP=Reviews', ['rv1', 'rv2']],
    ['app != reviews', ['gw', 'idle', 'mysql', 'pp', 'ratings', 'svc-reviews']],
    ['version = v2', ['idle', 'rv2']],
    ['name = reviews', ['rv1', 'rv2', 'svc-reviews']],
    ['name != reviews', ['gw', 'idle', 'mysql', 'pp', 'ratings']],
    ['name contains view', ['rv1', 'rv2', 'svc-reviews']],
    ['name *= view', ['rv1', 'rv2', 'svc-reviews']],
    ['name !contains view', ['gw', 'idle', 'mysql', 'pp', 'ratings']],
    ['name not contains view', ['gw', 'idle', 'mysql', 'pp', 'ratings']],
    ['workload startswith reviews', ['rv1', 'rv2']],
    ['wl ^= reviews', ['rv1', 'rv2']],
    ['workload endswith -v1', ['mysql', 'pp', 'ratings', 'rv1']],
    ['namespace = istio-system', ['gw']],
    ['ns = "istio-system"', ['gw']],
    ['node = service', ['svc-reviews']],
    ['node = svc', ['svc-reviews']],
    ['node = wl', ['gw', 'mysql']],
    ['node != app', ['gw', 'mysql', 'svc-reviews']],
    ['httpin > 5', ['pp']],
    ['tcpin >= 2048', ['mysql']],
    ['http > 5', ['gw>pp', 'pp>svc-reviews', 'svc-reviews>rv1']],
    ['http < 5', ['rv2>ratings', 'svc-reviews>rv2']],
    ['http = 2', ['rv2>ratings', 'svc-reviews>rv2']],
    ['%httperr > 10', ['rv2>ratings', 'svc-reviews>rv2']],
    ['%httperror >= 50', ['rv2>ratings']],
    ['responsetime > 100', ['rv2>ratings', 'svc-reviews>rv2']],
    ['rt <= 5', ['svc-reviews>rv1']],
    ['protocol = tcp', ['ratings>mysql']],
    ['tcp > 0', ['ratings>mysql']],
    ['mtls', ['gw>pp', 'pp>svc-reviews', 'svc-reviews>rv1']],
    ['!mtls', ['ratings>mysql', 'rv2>ratings', 'svc-reviews>rv2']],
    ['not mtls', ['ratings>mysql', 'rv2>ratings', 'svc-reviews>rv2']],
    ['healthy', ['gw>pp', 'pp', 'pp>svc-reviews', 'rv1', 'svc-reviews>rv1']],
    ['is healthy', ['gw>pp', 'pp', 'pp>svc-reviews', 'rv1', 'svc-reviews>rv1']],
    ['degraded', ['rv2', 'svc-reviews>rv2']],
    ['failure', ['ratings', 'rv2>ratings']],
    ['unhealthy', ['ratings', 'rv2', 'rv2>ratings', 'svc-reviews>rv2']],
    ['!sidecar', ['mysql']],
    ['! is sidecar', ['mysql']],
    ['root', ['gw']],
    ['has ts', ['svc-reviews']],
    ['vs', ['svc-reviews']],
    ['idle', ['idle']],
    ['gateway', ['gw']],
    ['app = reviews and version = v2', ['rv2']],
    ['app = reviews AND healthy', ['rv1']],
    ['app = reviews && !healthy', ['rv2']],
    ['app = ratings or %httperr > 40', ['ratings', 'rv2>ratings']],
    ['app = ratings || rt > 200', ['ratings', 'rv2>ratings']],
    ['(app = reviews or app = ratings) and !healthy', ['ratings', 'rv2']],
    ['!(app = reviews or app = ratings)', ['gw', 'idle', 'mysql', 'pp', 'svc-reviews']],
    ['app = productpage or app = details and idle', ['idle', 'pp']],
    ['traffic', ['gw>pp', 'pp>svc-reviews', 'ratings>mysql', 'rv2>ratings', 'svc-reviews>rv1', 'svc-reviews>rv2']],
  ];
  it.each(cases)('%s', (expr, want) => expect(found(expr)).toEqual(want));
});

describe('errors', () => {
  const cases: [string, RegExp, number][] = [
    ['', /Empty/, 0],
    ['bogus = 1', /Unknown operand "bogus"/, 0],
    ['app = reviews and wat', /Unknown operand "wat"/, 18],
    ['http > fast', /needs a number/, 0],
    ['http contains 5', /numeric/, 0],
    ['app > 3', /text/, 0],
    ['node = pod', /Unknown node type/, 0],
    ['app =', /Expected a value/, 5],
    ['(app = reviews', /Missing "\)"/, 14],
    ['app = reviews)', /Unexpected "\)"/, 13],
    ['app = "reviews', /Unterminated/, 6],
    ['app = reviews and http > 5', /Cannot "and" node criteria with edge criteria/, 18],
    ['healthy = 1', /Unknown operand "healthy".*takes no value/, 0],
    ['http', /Unknown operand "http".*needs an operator/, 0],
    ['app # x', /Unexpected character "#"/, 4],
    ['and', /Unexpected "and"/, 0],
  ];
  it.each(cases)('%j', (expr, re, at) => {
    const r = compileFind(expr);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(re);
    expect(r.error.at).toBe(at);
  });

  it('healthy ANDs with edge criteria (health applies to both kinds)', () => {
    const r = compileFind('healthy and http > 9');
    expect(r.ok).toBe(true);
    if (r.ok) expect([...findIds(graph, r.matcher)].sort()).toEqual(['gw>pp', 'pp>svc-reviews']);
  });
});

describe('hide', () => {
  function hidden(expr: string): string[] {
    const r = compileFind(expr);
    if (!r.ok) throw new Error(r.error.message);
    return [...hideIds(graph, r.matcher)].sort();
  }
  const cases: [string, string[]][] = [
    // A hidden node takes its edges; mysql is left with no visible edge and goes too.
    ['app = ratings', ['mysql', 'ratings', 'ratings>mysql', 'rv2>ratings']],
    // Hiding edges hides nodes left with none visible (rv2); svc-reviews keeps its mTLS edges and stays.
    ['!mtls', ['mysql', 'ratings', 'ratings>mysql', 'rv2', 'rv2>ratings', 'svc-reviews>rv2']],
    // One pass, as Kiali: the gateway loses its only edge and goes; svc-reviews keeps edges downstream and stays.
    // The idle node never had edges, so it is not "left alone" and stays.
    ['app = productpage', ['gw', 'gw>pp', 'pp', 'pp>svc-reviews']],
    ['idle', ['idle']],
  ];
  it.each(cases)('%s', (expr, want) => expect(hidden(expr)).toEqual(want));
});
