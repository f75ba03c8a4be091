import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileRoutingTable } from '../istio/routing';
import type { K8sObject } from '../istio/types';
import { buildConfigDump } from './config-dump';
import { clusterRows, endpointRows, listenerRows, routeRows } from './config-views';
import type { ProxyView, ServiceView } from './proxy-view';

const vs = (name: string, spec: unknown): K8sObject => ({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name, namespace: 'bookinfo' }, spec });
const dr = (name: string, spec: unknown): K8sObject => ({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name, namespace: 'bookinfo' }, spec });

const OBJECTS: K8sObject[] = [
  // weights + subsets
  vs('reviews', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 80 }, { destination: { host: 'reviews', subset: 'v2' }, weight: 10 }, { destination: { host: 'reviews', subset: 'v3' }, weight: 10 }, { destination: { host: 'reviews', subset: 'v4' }, weight: 0 }] }] }),
  dr('reviews', { host: 'reviews', trafficPolicy: { connectionPool: { tcp: { connectTimeout: '250ms', maxConnections: 100 } }, outlierDetection: { consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s' } }, subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }, { name: 'v3', labels: { version: 'v3' }, trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } } }] }),
  // timeouts + retries, header match then a default
  vs('ratings', { hosts: ['ratings'], http: [
    { name: 'jason', match: [{ headers: { 'end-user': { exact: 'jason' } }, uri: { prefix: '/ratings' } }], route: [{ destination: { host: 'ratings', subset: 'v1' } }], timeout: '0.5s', retries: { attempts: 3, perTryTimeout: '100ms', retryOn: '5xx,reset,503' } },
    { route: [{ destination: { host: 'ratings', subset: 'v1' } }], retries: { attempts: 0 } },
  ] }),
  dr('ratings', { host: 'ratings', subsets: [{ name: 'v1', labels: { version: 'v1' } }] }),
  // faults + mirror
  vs('details', { hosts: ['details'], http: [{ fault: { abort: { httpStatus: 503, percentage: { value: 12.5 } }, delay: { fixedDelay: '2s', percentage: { value: 50 } } }, mirror: { host: 'details', subset: 'v2' }, mirrorPercentage: { value: 10 }, route: [{ destination: { host: 'details', subset: 'v1' } }] }] }),
  dr('details', { host: 'details', trafficPolicy: { tls: { mode: 'DISABLE' } }, subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }] }),
];

const ep = (workload: string, port: number, labels: Record<string, string>) => ({ address: '127.0.0.1', port, labels, workload, healthy: true, sidecar: true });
const SERVICES: ServiceView[] = [
  { host: 'details.bookinfo.svc.cluster.local', namespace: 'bookinfo', ports: [{ port: 9080, protocol: 'http' }], endpoints: [ep('details-v1', 41001, { app: 'details', version: 'v1' })] },
  { host: 'mongodb.bookinfo.svc.cluster.local', namespace: 'bookinfo', ports: [{ port: 27017, protocol: 'tcp' }], endpoints: [ep('mongodb-v1', 41002, { app: 'mongodb', version: 'v1' })] },
  { host: 'ratings.bookinfo.svc.cluster.local', namespace: 'bookinfo', ports: [{ port: 9080, protocol: 'http' }], endpoints: [ep('ratings-v1', 41003, { app: 'ratings', version: 'v1' })] },
  { host: 'reviews.bookinfo.svc.cluster.local', namespace: 'bookinfo', ports: [{ port: 9080, protocol: 'http' }], endpoints: ['v1', 'v2', 'v3'].map((v, i) => ep(`reviews-${v}`, 41010 + i, { app: 'reviews', version: v })) },
  { host: 'api.openlibrary.example', namespace: 'bookinfo', ports: [{ port: 80, protocol: 'http' }], endpoints: [{ ...ep('openlibrary-api', 41020, {}), sidecar: false }], external: true },
];

function view(): ProxyView {
  return {
    node: { workload: 'productpage-v1', pod: 'productpage-v1-7d9f8c6b5-x2x4q', namespace: 'bookinfo', labels: { app: 'productpage', version: 'v1' }, serviceAccount: 'bookinfo-productpage', address: '127.0.0.1', istioVersion: '1.24.0' },
    table: compileRoutingTable(OBJECTS, 7),
    services: SERVICES,
    binding: 'mesh',
    gatewayPorts: [],
    inbound: { port: 9080, protocol: 'http' },
    versionInfo: '7',
    lastUpdated: '2026-12-04T20:00:00.000Z',
  };
}

const GOLDEN = new URL('./testdata/productpage-config-dump.golden.json', import.meta.url);

describe('buildConfigDump', () => {
  const dump = buildConfigDump(view(), { includeEds: true });

  it('matches the golden dump (UPDATE_GOLDEN=1 rewrites it)', () => {
    const text = `${JSON.stringify(dump, null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  const routes = routeRows(dump, 1000);
  const route = (vhost: string, i = 0) => routes.filter((r) => r.virtualHost === vhost)[i];

  it('weights: a weighted_clusters entry per non-zero destination, with Istio subset cluster names', () => {
    expect(route('reviews.bookinfo.svc.cluster.local:9080')).toMatchObject({
      routeConfig: '9080', virtualService: 'bookinfo/reviews', action: 'route',
      clusters: [{ name: 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local', weight: 80 }, { name: 'outbound|9080|v2|reviews.bookinfo.svc.cluster.local', weight: 10 }, { name: 'outbound|9080|v3|reviews.bookinfo.svc.cluster.local', weight: 10 }],
      timeout: '0s', retries: { attempts: 2, retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes' },
    });
    expect(route('reviews.bookinfo.svc.cluster.local:9080')?.domains).toEqual(expect.arrayContaining(['reviews', 'reviews:9080', 'reviews.bookinfo.svc.cluster.local']));
  });

  it('timeouts and retries: per route, status codes from retryOn moved to retriable codes; attempts 0 means none', () => {
    expect(route('ratings.bookinfo.svc.cluster.local:9080', 0)).toMatchObject({ name: 'jason', match: 'prefix /ratings, end-user exact jason', timeout: '0.500s', retries: { attempts: 3, retryOn: '5xx,reset,retriable-status-codes', perTryTimeout: '0.100s' } });
    expect(route('ratings.bookinfo.svc.cluster.local:9080', 1)?.retries).toBeUndefined();
  });

  it('faults and mirrors: fault filter config per route in millionths', () => {
    expect(route('details.bookinfo.svc.cluster.local:9080')).toMatchObject({ fault: { abortStatus: 503, abortPercent: 12.5, delay: '2s', delayPercent: 50 }, mirror: { cluster: 'outbound|9080|v2|details.bookinfo.svc.cluster.local', percent: 10 } });
  });

  it('services without a VirtualService get Istio\'s default route; unknown hosts the passthrough', () => {
    expect(route('api.openlibrary.example:80')).toMatchObject({ routeConfig: '80', name: 'default', clusters: [{ name: 'outbound|80||api.openlibrary.example', weight: 100 }] });
    expect(routes.filter((r) => r.virtualHost === 'allow_any').map((r) => r.routeConfig)).toEqual(['80', '9080']);
  });

  it('clusters: one per port and subset, with the subset policy merged and DISABLE turning mTLS off', () => {
    const clusters = clusterRows(dump, 1000);
    const c = (name: string) => clusters.find((x) => x.name === name);
    expect(c('outbound|9080|v3|reviews.bookinfo.svc.cluster.local')).toMatchObject({ service: 'reviews.bookinfo.svc.cluster.local', port: 9080, subset: 'v3', direction: 'outbound', type: 'EDS', destinationRule: 'bookinfo/reviews', connectTimeout: '0.250s', lbPolicy: 'ROUND_ROBIN', outlierDetection: true, mtls: true });
    expect(c('outbound|9080|v1|reviews.bookinfo.svc.cluster.local')).toMatchObject({ lbPolicy: 'LEAST_REQUEST' });
    expect(c('outbound|9080|v1|details.bookinfo.svc.cluster.local')?.mtls).toBe(false);
    expect(c('outbound|80||api.openlibrary.example')).toMatchObject({ type: 'STRICT_DNS' });
    expect(c('inbound|9080||')).toMatchObject({ direction: 'inbound', port: 9080 });
    expect(c('outbound|9080|v4|reviews.bookinfo.svc.cluster.local')).toBeUndefined();
  });

  it('endpoints: subset clusters hold only the pods whose labels match', () => {
    const eps = endpointRows(dump, 1000);
    expect(eps.filter((e) => e.cluster === 'outbound|9080|v2|reviews.bookinfo.svc.cluster.local')).toEqual([{ cluster: 'outbound|9080|v2|reviews.bookinfo.svc.cluster.local', address: '127.0.0.1:41011', health: 'HEALTHY', workload: 'reviews-v2' }]);
    expect(eps.filter((e) => e.cluster === 'outbound|9080||reviews.bookinfo.svc.cluster.local')).toHaveLength(3);
  });

  it('listeners: virtual outbound/inbound, an HTTP listener per port and a TCP one per TCP service', () => {
    const ls = listenerRows(dump, 1000);
    expect(ls.map((l) => l.name)).toEqual(['virtualOutbound', 'virtualInbound', '0.0.0.0_9080', 'mongodb.bookinfo.svc.cluster.local_27017', '0.0.0.0_80']);
    expect(ls.find((l) => l.name === '0.0.0.0_9080')?.chains).toEqual([{ match: 'ALL', destination: 'Route: 9080' }]);
    expect(ls.find((l) => l.name === 'virtualInbound')?.chains[0]).toEqual({ match: 'destination_port=9080', destination: 'Route: inbound|9080||' });
  });

  it('a gateway gets its Gateway port route config with the bound VirtualService', () => {
    const objects = [...OBJECTS, { ...vs('bookinfo', { hosts: ['*'], gateways: ['bookinfo-gateway'], http: [{ match: [{ uri: { exact: '/productpage' } }, { uri: { prefix: '/static' } }], route: [{ destination: { host: 'productpage', port: { number: 9080 } } }] }] }) }];
    const gw = buildConfigDump({ ...view(), table: compileRoutingTable(objects, 8), binding: 'bookinfo/bookinfo-gateway', gatewayPorts: [8080], inbound: undefined }, { includeEds: false });
    const rows = routeRows(gw, 100);
    expect(rows.map((r) => [r.routeConfig, r.virtualHost, r.match, r.clusters[0]?.name])).toEqual([
      ['http.8080', '*:8080', 'path /productpage', 'outbound|9080||productpage.bookinfo.svc.cluster.local'],
      ['http.8080', '*:8080', 'prefix /static', 'outbound|9080||productpage.bookinfo.svc.cluster.local'],
    ]);
    expect(listenerRows(gw, 10).map((l) => l.name)).toEqual(['0.0.0.0_8080']);
    expect(endpointRows(gw, 10)).toEqual([]);
  });

  it('views read hostile input without throwing and stop at maxRows', () => {
    for (const bad of [null, 42, 'x', { configs: 'no' }, { configs: [{ '@type': 'x.RoutesConfigDump', dynamic_route_configs: [{ route_config: { virtual_hosts: [{ routes: [null, 1, { match: 7 }] }] } }] }] }]) {
      expect(() => [routeRows(bad, 10), clusterRows(bad, 10), listenerRows(bad, 10), endpointRows(bad, 10)]).not.toThrow();
    }
    expect(routeRows(dump, 2)).toHaveLength(2);
  });
});
