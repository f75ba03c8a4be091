import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';
import { describeAccess } from './types';
import { pluralOf, writeTargets } from './write-target';

const url = (s = '') => new URL(`http://x/${s}`);

describe('writeTargets', () => {
  it.each([
    ['POST', '/api/namespaces/:ns/istio/:group/:version/:kind', { ns: 'bookinfo', group: 'networking.istio.io', version: 'v1', kind: 'VirtualService' }, 'create virtualservices.networking.istio.io in namespace bookinfo'],
    ['PUT', '/api/namespaces/:ns/istio/:group/:version/:kind/:name', { ns: 'b', group: 'networking.istio.io', version: 'v1', kind: 'ServiceEntry', name: 'x' }, 'update serviceentries.networking.istio.io "x" in namespace b'],
    ['PATCH', '/api/namespaces/:ns/istio/:group/:version/:kind/:name', { ns: 'b', group: 'security.istio.io', version: 'v1', kind: 'AuthorizationPolicy', name: 'p' }, 'patch authorizationpolicies.security.istio.io "p" in namespace b'],
    ['DELETE', '/api/namespaces/:ns/istio/:group/:version/:kind/:name', { ns: 'b', group: 'telemetry.istio.io', version: 'v1', kind: 'Telemetry', name: 't' }, 'delete telemetries.telemetry.istio.io "t" in namespace b'],
    ['PUT', '/api/namespaces/:ns/services/:service/traffic-shift', { ns: 'b', service: 'reviews' }, 'update virtualservices.networking.istio.io in namespace b; update destinationrules.networking.istio.io in namespace b'],
  ])('%s %s', (method, route, params, expected) => {
    expect(writeTargets(method, route, params, url())?.map(describeAccess).join('; ')).toBe(expected);
  });

  it('ignores reads and routes that change no config', () => {
    expect(writeTargets('GET', '/api/namespaces/:ns/istio/:group/:version/:kind/:name', {}, url())).toBeUndefined();
    expect(writeTargets('POST', '/api/somewhere', {}, url())).toBeUndefined();
  });

  it('plurals kinds as the API server does', () => {
    expect(['Gateway', 'Sidecar', 'WasmPlugin', 'ProxyConfig', 'EnvoyFilter', 'WorkloadEntry'].map(pluralOf)).toEqual(['gateways', 'sidecars', 'wasmplugins', 'proxyconfigs', 'envoyfilters', 'workloadentries']);
  });
});

describe('RateLimiter', () => {
  it('allows a burst, then one per refill, per client', () => {
    let now = 0;
    const l = new RateLimiter({ burst: 2, perSecond: 0.5 }, () => now);
    expect([l.take('a'), l.take('a'), l.take('a')]).toEqual([0, 0, 2]);
    expect(l.take('b')).toBe(0);
    now = 2_000;
    expect([l.take('a'), l.take('a')]).toEqual([0, 2]);
  });

  it('forgets the least recently seen clients past its bound', () => {
    const l = new RateLimiter({ burst: 1, perSecond: 0.001 }, () => 0, 2);
    l.take('a');
    l.take('b');
    l.take('c');
    expect(l.take('a')).toBe(0);
    expect(l.take('c')).toBeGreaterThan(0);
  });
});
