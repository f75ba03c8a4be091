import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../../../lib/istio/types';
import { kindInfo, MIRRORED_KINDS, resourcePath, slimObject } from './kinds';

const info = (kind: string) => {
  const k = kindInfo(kind);
  if (!k) throw new Error(kind);
  return k;
};

describe('resourcePath', () => {
  it.each([
    ['VirtualService', 'v1', 'bookinfo', 'reviews', '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices/reviews'],
    ['VirtualService', 'v1beta1', undefined, undefined, '/apis/networking.istio.io/v1beta1/virtualservices'],
    ['AuthorizationPolicy', 'v1', 'istio-system', undefined, '/apis/security.istio.io/v1/namespaces/istio-system/authorizationpolicies'],
    ['Service', 'v1', 'bookinfo', 'reviews', '/api/v1/namespaces/bookinfo/services/reviews'],
    ['Namespace', 'v1', 'ignored', 'bookinfo', '/api/v1/namespaces/bookinfo'],
    ['Deployment', 'v1', 'a b', 'x/y', '/apis/apps/v1/namespaces/a%20b/deployments/x%2Fy'],
  ])('%s %s %s/%s', (kind, version, ns, name, want) => {
    expect(resourcePath(info(kind), version, ns, name)).toBe(want);
  });
});

describe('MIRRORED_KINDS', () => {
  it('prefers Istio v1, falls back to v1beta1, and keeps EnvoyFilter at v1alpha3', () => {
    expect(info('DestinationRule').versions).toEqual(['v1', 'v1beta1']);
    expect(info('RequestAuthentication').versions).toEqual(['v1', 'v1beta1']);
    expect(info('EnvoyFilter').versions).toEqual(['v1alpha3']);
    expect(new Set(MIRRORED_KINDS.map((k) => k.kind)).size).toBe(MIRRORED_KINDS.length);
  });
});

describe('slimObject', () => {
  it('keeps what workload lookups read of a Pod and nothing else', () => {
    const pod = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'p', namespace: 'n', labels: { app: 'a' }, annotations: { x: 'y' }, resourceVersion: '7', uid: 'u', managedFields: [{}], ownerReferences: [{ kind: 'ReplicaSet', name: 'rs' }] },
      spec: { serviceAccountName: 'sa', nodeName: 'n1', volumes: [{}], containers: [{ name: 'app', image: 'img', env: [{ name: 'K', value: 'V' }], ports: [{ containerPort: 80 }] }], initContainers: [{ name: 'istio-proxy', image: 'proxyv2', restartPolicy: 'Always' }] },
      status: { phase: 'Running', podIP: '10.0.0.1', conditions: [] },
    } as unknown as K8sObject;
    expect(slimObject(pod)).toEqual({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'p', namespace: 'n', labels: { app: 'a' }, annotations: { x: 'y' }, resourceVersion: '7', uid: 'u', creationTimestamp: undefined, ownerReferences: [{ kind: 'ReplicaSet', name: 'rs' }] },
      spec: { serviceAccountName: 'sa', containers: [{ name: 'app', image: 'img', ports: [{ containerPort: 80 }] }], initContainers: [{ name: 'istio-proxy', image: 'proxyv2' }] },
      status: { phase: 'Running', podIP: '10.0.0.1' },
    });
  });

  it('only drops managedFields from other kinds', () => {
    const vs = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'v', managedFields: [{}] }, spec: { hosts: ['h'] }, status: { x: 1 } } as unknown as K8sObject;
    expect(slimObject(vs)).toEqual({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'v' }, spec: { hosts: ['h'] }, status: { x: 1 } });
  });
});
