import { describe, expect, it } from 'vitest';
import type { DestinationRule, VirtualService } from '@/lib/istio/types';
import { breakerFormOf, emptyRoutingRow, faultFormOf, parseBreakerForm, parseFaultForm, parseRoutingRows, parseTimeoutForm, routingRowsOf, timeoutFormOf } from './wizard-forms';

const vs: VirtualService = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'bookinfo' },
  spec: {
    hosts: ['reviews'],
    http: [
      { match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [{ destination: { host: 'reviews', subset: 'v2' } }] },
      { route: [{ destination: { host: 'reviews', subset: 'v1' } }], timeout: '3s', fault: { abort: { httpStatus: 500, percentage: { value: 20 } } } },
    ],
  },
};

describe('request routing', () => {
  it('reads match routes as rows and parses them back to rules', () => {
    const rows = routingRowsOf(vs);
    expect(rows).toEqual([{ header: 'end-user', headerKind: 'exact', headerValue: 'jason', uriKind: 'prefix', uri: '', method: '', subset: 'v2' }]);
    expect(parseRoutingRows(rows)).toEqual({ ok: true, value: [{ subset: 'v2', headers: { 'end-user': { exact: 'jason' } } }] });
  });
  it('wants a condition and a version per row', () => {
    const r = parseRoutingRows([emptyRoutingRow('')]);
    expect(r).toEqual({ ok: false, errors: { '0.subset': 'pick a version', '0.header': 'give a header, a URI or a method to match' } });
    expect(parseRoutingRows([{ ...emptyRoutingRow('v3'), uri: '/api', method: 'GET' }])).toEqual({ ok: true, value: [{ subset: 'v3', uri: { prefix: '/api' }, method: 'GET' }] });
  });
});

describe('fault injection', () => {
  it('prefills from the route and round-trips', () => {
    const f = faultFormOf(vs);
    expect(f).toMatchObject({ delayOn: false, abortOn: true, abortStatus: '500', abortPercent: '20' });
    expect(parseFaultForm(f)).toEqual({ ok: true, value: { abort: { httpStatus: 500, percent: 20 } } });
    expect(parseFaultForm({ ...f, abortOn: false })).toEqual({ ok: true, value: undefined });
  });
  it('names bad fields', () => {
    const r = parseFaultForm({ delayOn: true, delay: '2 sec', delayPercent: '120', abortOn: true, abortStatus: '99', abortPercent: '5' });
    expect(r.ok ? [] : Object.keys(r.errors).sort()).toEqual(['abortStatus', 'delay', 'delayPercent']);
  });
});

describe('timeouts and retries', () => {
  it('prefills and parses', () => {
    const f = timeoutFormOf(vs);
    expect(f.timeout).toBe('3s');
    expect(parseTimeoutForm({ ...f, retriesOn: true, attempts: '2', perTryTimeout: '1s' })).toEqual({ ok: true, value: { timeout: '3s', retries: { attempts: 2, perTryTimeout: '1s', retryOn: '5xx,reset,connect-failure' } } });
    expect(parseTimeoutForm({ ...f, timeout: '', retriesOn: false })).toEqual({ ok: true, value: {} });
    expect(parseTimeoutForm({ ...f, retriesOn: true, attempts: '0' }).ok).toBe(false);
  });
});

describe('circuit breaker', () => {
  const dr: DestinationRule = { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'reviews' }, spec: { host: 'reviews', trafficPolicy: { outlierDetection: { consecutive5xxErrors: 7, interval: '5s' } } } };
  it('prefills and parses', () => {
    const f = breakerFormOf(dr);
    expect(f).toMatchObject({ poolOn: false, outlierOn: true, consecutive5xx: '7', interval: '5s' });
    expect(parseBreakerForm({ ...f, poolOn: true, maxPerConnection: '' })).toEqual({
      ok: true,
      value: { connectionPool: { maxConnections: 100, http1MaxPendingRequests: 10 }, outlierDetection: { consecutive5xxErrors: 7, interval: '5s', baseEjectionTime: '30s', maxEjectionPercent: 100 } },
    });
    expect(parseBreakerForm({ ...f, outlierOn: false })).toEqual({ ok: true, value: undefined });
    expect(parseBreakerForm({ ...f, poolOn: true, maxConnections: '', maxPending: '', maxPerConnection: '' }).ok).toBe(false);
  });
});
