import { describe, expect, it } from 'vitest';
import {
  apiVersionOfKind,
  collectionPath,
  ConfigListResponseSchema,
  configListPath,
  HistoryDetailResponseSchema,
  historyListPath,
  objectPath,
  rollbackPath,
  splitApiVersion,
} from './istio-config';

describe('istio config paths', () => {
  it.each([
    ['networking.istio.io/v1', { group: 'networking.istio.io', version: 'v1' }],
    ['security.istio.io/v1beta1', { group: 'security.istio.io', version: 'v1beta1' }],
    ['v1', { group: 'core', version: 'v1' }],
  ])('splits %s', (apiVersion, want) => {
    expect(splitApiVersion(apiVersion)).toEqual(want);
  });

  it('builds object, collection, list, history and rollback paths', () => {
    const ref = { namespace: 'bookinfo', apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', name: 'reviews' };
    expect(objectPath(ref)).toBe('/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService/reviews');
    expect(collectionPath(ref)).toBe('/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService');
    expect(configListPath({})).toBe('/api/istio/config?validate=true');
    expect(configListPath({ namespaces: ['a', 'b'], kinds: ['Gateway'] })).toBe('/api/istio/config?validate=true&namespaces=a%2Cb&kinds=Gateway');
    expect(historyListPath({})).toBe('/api/istio/history');
    expect(historyListPath({ namespace: 'bookinfo', kind: 'VirtualService', name: 'reviews', limit: 50 })).toBe('/api/istio/history?namespace=bookinfo&kind=VirtualService&name=reviews&limit=50');
    expect(rollbackPath(7, 'undo')).toBe('/api/istio/history/7/rollback?mode=undo');
  });

  it('knows the apiVersion new objects of a kind get', () => {
    expect(apiVersionOfKind('AuthorizationPolicy')).toBe('security.istio.io/v1');
    expect(apiVersionOfKind('Nope')).toBeUndefined();
  });
});

describe('istio config schemas', () => {
  it('parses a list answer as the server sends it, keeping unknown object fields', () => {
    const body = {
      items: [
        {
          object: { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'reviews', namespace: 'bookinfo' }, spec: { hosts: ['reviews'] } },
          resourceVersion: '30',
          validations: [{ code: 'IST0101', name: 'ReferencedResourceNotFound', level: 'Error', resource: 'VirtualService bookinfo/reviews', message: 'Referenced subset not found: "v4"', path: 'spec.http[0].route[2].destination.subset', aliases: ['KIA1107'] }],
          source: { file: '60-virtual-services.yaml', line: 2, column: 1 },
        },
      ],
      counts: { objects: 1, errors: 1, warnings: 0 },
      loadErrors: [],
    };
    const parsed = ConfigListResponseSchema.parse(body);
    expect(parsed.items[0]?.object.spec).toEqual({ hosts: ['reviews'] });
    expect(parsed.items[0]?.validations[0]?.level).toBe('Error');
  });

  it('refuses an answer that breaks the contract', () => {
    expect(ConfigListResponseSchema.safeParse({ items: [{ object: { kind: 'X' } }], counts: {} }).success).toBe(false);
  });

  it('parses a history entry with both states', () => {
    const obj = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'reviews', namespace: 'bookinfo' } };
    const d = HistoryDetailResponseSchema.parse({ entry: { id: 1, time: '2026-11-21T10:47:36.031Z', user: 'anonymous', action: 'replace', kind: 'VirtualService', name: 'reviews', namespace: 'bookinfo', before: obj, after: obj }, diff: '' });
    expect(d.entry.before?.metadata.name).toBe('reviews');
  });
});
