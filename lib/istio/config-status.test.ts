import { describe, expect, it } from 'vitest';
import type { K8sObject } from './types';
import { configStatusByService, servicesOf } from './config-status';

const vs = (name: string, hosts: string[], namespace = 'bookinfo'): K8sObject => ({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name, namespace }, spec: { hosts } });
const dr = (name: string, host: string): K8sObject => ({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name, namespace: 'bookinfo' }, spec: { host } });

describe('config status by service', () => {
  it.each([
    [vs('a', ['reviews']), ['bookinfo/reviews']],
    [vs('a', ['reviews.other', 'ratings.bookinfo.svc.cluster.local', 'api.example.com', '*']), ['other/reviews', 'bookinfo/ratings']],
    [dr('a', 'details'), ['bookinfo/details']],
  ])('%j governs %j', (o, want) => expect(servicesOf(o)).toEqual(want));

  it('counts errors and warnings per service and names the objects', () => {
    const m = configStatusByService([
      { object: vs('reviews', ['reviews']), validations: [{ level: 'Error' }, { level: 'Warning' }] },
      { object: dr('reviews', 'reviews'), validations: [{ level: 'Error' }] },
      { object: dr('details', 'details'), validations: [] },
    ]);
    expect(m.get('bookinfo/reviews')).toEqual({ errors: 2, warnings: 1, objects: ['VirtualService bookinfo/reviews', 'DestinationRule bookinfo/reviews'] });
    expect(m.has('bookinfo/details')).toBe(false);
  });
});
