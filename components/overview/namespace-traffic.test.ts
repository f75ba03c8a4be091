import { expect, it } from 'vitest';
import { NODE_FLAGS_OFF, type EdgeData, type GraphResponse, type NodeData } from '@/lib/api/graph';
import { namespaceTraffic } from './namespace-traffic';

const flags = { cluster: 'c', ...NODE_FLAGS_OFF };
const node = (id: string, namespace: string, healthStatus?: NodeData['healthStatus']): NodeData => ({ ...flags, id, nodeType: 'app', namespace, healthStatus });
const http = (source: string, target: string, rps: number, errPct: number): EdgeData => ({
  id: `${source}>${target}`,
  source,
  target,
  traffic: { protocol: 'http', rates: { http: rps, httpPercentErr: errPct }, responses: {} },
});

it('sums inbound requests and errors per namespace; TCP does not count as requests', () => {
  const g: GraphResponse = {
    timestamp: 0,
    duration: 60,
    graphType: 'app',
    elements: {
      nodes: [node('gw', 'istio-system'), node('pp', 'bookinfo'), node('rv', 'bookinfo', 'Degraded'), node('db', 'bookinfo', 'Failure')].map((data) => ({ data })),
      edges: [
        http('gw', 'pp', 10, 0),
        http('pp', 'rv', 10, 10),
        { id: 'rv>db', source: 'rv', target: 'db', traffic: { protocol: 'tcp' as const, rates: { tcp: 500 }, responses: {} } },
      ].map((data) => ({ data })),
    },
  };
  const t = namespaceTraffic(g);
  expect(t.get('bookinfo')).toEqual({ requestRate: 20, errorPercent: 5, unhealthy: 2 });
  expect(t.get('istio-system')).toBeUndefined();
});
