import { expect, it } from 'vitest';
import { NODE_FLAGS_OFF, type GraphResponse } from '@/lib/api/graph';
import { serviceSnapshot, toVersionStats } from './version-stats';

const node = (id: string, extra: Record<string, unknown>) => ({ data: { id, cluster: 'K', namespace: 'bookinfo', ...NODE_FLAGS_OFF, ...extra } });
const edge = (source: string, target: string, rates: Record<string, number>, responseTime?: number) => ({
  data: { id: `${source}>${target}>http`, source, target, traffic: { protocol: 'http' as const, rates, responses: {} }, ...(responseTime !== undefined ? { responseTime } : {}) },
});

const graph = {
  timestamp: 1,
  duration: 30,
  graphType: 'versionedApp',
  elements: {
    nodes: [
      node('svc:K:bookinfo:reviews', { nodeType: 'service', service: 'reviews', healthStatus: 'Healthy' }),
      node('vapp:K:bookinfo:reviews-v1', { nodeType: 'app', app: 'reviews', version: 'v1', healthStatus: 'Healthy' }),
      node('vapp:K:bookinfo:reviews-v10', { nodeType: 'app', app: 'reviews', version: 'v10' }),
      node('vapp:K:bookinfo:reviews-v2', { nodeType: 'app', app: 'reviews', version: 'v2', healthStatus: 'Failure' }),
      node('svc:K:bookinfo:ratings', { nodeType: 'service', service: 'ratings' }),
    ],
    edges: [
      edge('svc:K:bookinfo:reviews', 'vapp:K:bookinfo:reviews-v1', { http: 8, httpPercentReq: 80 }, 40),
      edge('svc:K:bookinfo:reviews', 'vapp:K:bookinfo:reviews-v2', { http: 2, http5xx: 0.5, httpPercentErr: 25, httpPercentReq: 20 }, 90),
      edge('svc:K:bookinfo:reviews', 'vapp:K:bookinfo:reviews-v10', { http: 0 }, 0),
      edge('vapp:K:bookinfo:reviews-v2', 'svc:K:bookinfo:ratings', { http: 2 }),
      { data: { id: 'tcp', source: 'svc:K:bookinfo:reviews', target: 'vapp:K:bookinfo:reviews-v1', traffic: { protocol: 'tcp' as const, rates: { tcp: 512 }, responses: {} } } },
    ],
  },
} as GraphResponse;

it('reads per-version traffic from the service node’s edges, versions in natural order', () => {
  const s = serviceSnapshot(graph, 'bookinfo', 'reviews');
  expect(s).toMatchObject({ nodeId: 'svc:K:bookinfo:reviews', health: 'Healthy', requestRate: 10, errorRate: 0.5, outboundRate: 2, tcpRate: 512 });
  expect(s.versions.map((v) => v.version)).toEqual(['v1', 'v2', 'v10']);
  expect(s.versions[1]).toMatchObject({ share: 20, p95Ms: 90, errorRate: 0.5, health: 'Failure' });
  expect(s.versions[2]?.p95Ms).toBeUndefined();
});

it('an unknown service or no graph is empty', () => {
  expect(serviceSnapshot(graph, 'bookinfo', 'nope').versions).toEqual([]);
  expect(serviceSnapshot(undefined, 'bookinfo', 'reviews').nodeId).toBeUndefined();
});

it('converts to the canary judge’s stats', () => {
  const s = serviceSnapshot(graph, 'bookinfo', 'reviews');
  expect(toVersionStats(s.versions[1], 'v2')).toEqual({ version: 'v2', requestRate: 2, successRate: 0.75, p95Ms: 90 });
  expect(toVersionStats(s.versions[2], 'v10')).toEqual({ version: 'v10', requestRate: 0 });
  expect(toVersionStats(undefined, 'v9')).toEqual({ version: 'v9', requestRate: 0 });
});
