import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../istio/types';
import { configForWorkload } from './workload-config';

const o = (kind: string, namespace: string, name: string, spec: unknown, apiVersion = kind === 'Service' ? 'v1' : kind.endsWith('Policy') || kind.endsWith('Authentication') ? 'security.istio.io/v1' : 'networking.istio.io/v1'): K8sObject => ({ apiVersion, kind, metadata: { name, namespace }, spec });

const OBJECTS = [
  o('Service', 'bookinfo', 'reviews', { selector: { app: 'reviews' } }),
  o('Service', 'bookinfo', 'ratings', { selector: { app: 'ratings' } }),
  o('VirtualService', 'bookinfo', 'reviews', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }] }),
  o('VirtualService', 'bookinfo', 'canary', { hosts: ['reviews-canary.example.com'], http: [{ route: [{ destination: { host: 'reviews.bookinfo.svc.cluster.local' } }] }] }),
  o('VirtualService', 'bookinfo', 'ratings', { hosts: ['ratings'] }),
  o('VirtualService', 'bookinfo', 'gateway-all', { hosts: ['*'], gateways: ['bookinfo-gateway'], http: [{ route: [{ destination: { host: 'productpage' } }] }] }),
  o('DestinationRule', 'bookinfo', 'reviews', { host: 'reviews.bookinfo.svc.cluster.local' }),
  o('DestinationRule', 'bookinfo', 'all', { host: '*.bookinfo.svc.cluster.local' }),
  o('PeerAuthentication', 'istio-system', 'mesh', { mtls: { mode: 'STRICT' } }),
  o('PeerAuthentication', 'bookinfo', 'reviews-permissive', { selector: { matchLabels: { app: 'reviews', version: 'v1' } }, mtls: { mode: 'PERMISSIVE' } }),
  o('AuthorizationPolicy', 'bookinfo', 'ns-wide', { action: 'ALLOW' }),
  o('AuthorizationPolicy', 'bookinfo', 'ratings-only', { selector: { matchLabels: { app: 'ratings' } } }),
  o('Sidecar', 'other', 'elsewhere', {}),
];

describe('configForWorkload', () => {
  it('finds by host, by route destination, by selector, namespace- and mesh-wide', () => {
    expect(configForWorkload(OBJECTS, { namespace: 'bookinfo', labels: { app: 'reviews', version: 'v1' } })).toEqual([
      { kind: 'AuthorizationPolicy', namespace: 'bookinfo', name: 'ns-wide', reason: 'namespace-wide' },
      { kind: 'DestinationRule', namespace: 'bookinfo', name: 'all', reason: 'host reviews.bookinfo.svc.cluster.local' },
      { kind: 'DestinationRule', namespace: 'bookinfo', name: 'reviews', reason: 'host reviews.bookinfo.svc.cluster.local' },
      { kind: 'PeerAuthentication', namespace: 'bookinfo', name: 'reviews-permissive', reason: 'selector app=reviews,version=v1' },
      { kind: 'PeerAuthentication', namespace: 'istio-system', name: 'mesh', reason: 'mesh-wide (root namespace)' },
      { kind: 'VirtualService', namespace: 'bookinfo', name: 'canary', reason: 'routes to reviews.bookinfo.svc.cluster.local' },
      { kind: 'VirtualService', namespace: 'bookinfo', name: 'reviews', reason: 'host reviews.bookinfo.svc.cluster.local' },
    ]);
  });
  it('a selector that does not match leaves the object out', () => {
    const names = configForWorkload(OBJECTS, { namespace: 'bookinfo', labels: { app: 'reviews', version: 'v2' } }).map((r) => r.name);
    expect(names).not.toContain('reviews-permissive');
    expect(names).not.toContain('ratings-only');
    expect(names).not.toContain('ratings');
  });
});
