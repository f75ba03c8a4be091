import { describe, expect, it } from 'vitest';
import { checkIstioObject, istioKinds } from './index';

const vs = (spec: unknown, apiVersion = 'networking.istio.io/v1', name = 'reviews') => ({ apiVersion, kind: 'VirtualService', metadata: { name }, spec });

describe('checkIstioObject', () => {
  it('covers the Istio networking, security, telemetry and extensions kinds', () => {
    for (const k of ['networking.istio.io/VirtualService', 'networking.istio.io/DestinationRule', 'networking.istio.io/Gateway', 'networking.istio.io/ServiceEntry', 'networking.istio.io/Sidecar', 'security.istio.io/AuthorizationPolicy', 'security.istio.io/PeerAuthentication', 'telemetry.istio.io/Telemetry', 'extensions.istio.io/WasmPlugin']) {
      expect(istioKinds()).toContain(k);
    }
  });

  it('accepts a valid object at every served version', () => {
    const spec = { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1', port: { number: 9080 } }, weight: 100 }], timeout: '2s' }] };
    for (const v of ['v1', 'v1beta1', 'v1alpha3']) expect(checkIstioObject(vs(spec, `networking.istio.io/${v}`))).toEqual([]);
  });

  it.each([
    ['unknown field', { hosts: ['r'], htp: [] }, 'spec.htp', 'unknown field "htp"'],
    ['wrong type', { hosts: 'r' }, 'spec.hosts', 'expected array, got string'],
    ['wrong nested type', { hosts: ['r'], http: [{ route: [{ destination: { host: 'r', port: { number: '80' } } }] }] }, 'spec.http[0].route[0].destination.port.number', 'expected integer, got string'],
    ['unknown nested field', { hosts: ['r'], http: [{ route: [{ destination: { host: 'r', subst: 'v1' } }] }] }, 'spec.http[0].route[0].destination.subst', 'unknown field "subst"'],
    ['missing required', { hosts: ['r'], http: [{ route: [{ destination: {} }] }] }, 'spec.http[0].route[0].destination.host', 'missing required field "host"'],
    ['at most one of', { hosts: ['r'], http: [{ match: [{ uri: { exact: '/a', prefix: '/b' } }], route: [{ destination: { host: 'r' } }] }] }, 'spec.http[0].match[0].uri.prefix', 'only one of exact, prefix, regex may be set (found exact, prefix)'],
  ])('reports %s with its path', (_name, spec, path, message) => {
    const errs = checkIstioObject(vs(spec)) ?? [];
    expect(errs.map((e) => [e.path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), ''), e.message])).toContainEqual([path, message]);
  });

  it('reports enum, bounds, version and name problems', () => {
    const pa = { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'x' }, spec: { mtls: { mode: 'STRICTER' } } };
    expect(checkIstioObject(pa)?.[0]?.message).toMatch(/unsupported value "STRICTER": must be one of "UNSET", "DISABLE", "PERMISSIVE", "STRICT"/);
    expect(checkIstioObject(vs({ hosts: ['r'] }, 'networking.istio.io/v9'))?.[0]?.message).toMatch(/not served at version "v9"/);
    expect(checkIstioObject(vs({ hosts: ['r'] }, undefined, 'Bad_Name'))?.[0]?.message).toMatch(/invalid name "Bad_Name"/);
    expect(checkIstioObject({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualServce', metadata: { name: 'x' } })?.[0]?.message).toMatch(/unknown kind "VirtualServce"/);
  });

  it('leaves non-Istio kinds alone and treats nulls as absent', () => {
    expect(checkIstioObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { anything: 1 } })).toBeUndefined();
    expect(checkIstioObject(vs({ hosts: ['r'], http: null, tcp: [{ route: [{ destination: { host: 'r' } }] }] }))).toEqual([]);
  });
});
