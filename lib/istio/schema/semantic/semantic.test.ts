import { describe, expect, it } from 'vitest';
import { checkIstioObject } from '../index';
import { hostProblem } from './hosts';

const obj = (kind: string, spec: unknown, group = 'networking.istio.io') => ({ apiVersion: `${group}/v1`, kind, metadata: { name: 'x', namespace: 'ns' }, spec });
const messages = (o: ReturnType<typeof obj>) => (checkIstioObject(o) ?? []).map((e) => `${e.path.join('.')}: ${e.message}`);

describe('semantic validation', () => {
  it.each([
    ['VirtualService', { hosts: ['a'], http: [{ match: [{ uri: { prefix: '/' } }] }] }, 'spec.http.0: HTTP route, redirect, directResponse or delegate is required'],
    ['VirtualService', { hosts: ['a'], http: [{ route: [{ destination: { host: 'a' } }], redirect: { uri: '/b' } }] }, 'spec.http.0.redirect: only one of route, redirect, directResponse or delegate may be set (found route, redirect)'],
    ['VirtualService', { hosts: ['a'] }, 'spec: http, tcp or tls must be provided in virtual service'],
    ['VirtualService', { gateways: ['gw'], http: [{ route: [{ destination: { host: 'a' } }] }] }, 'spec.gateways: delegate virtual service must have no gateways specified'],
    ['VirtualService', { hosts: ['bad_host'], http: [{ route: [{ destination: { host: 'a' } }] }] }, 'spec.hosts.0: invalid host "bad_host": "bad_host" is not a valid DNS label'],
    ['VirtualService', { hosts: ['a'], http: [{ match: [{ uri: { regex: '(' } }], route: [{ destination: { host: 'a' } }] }] }, 'spec.http.0.match.0.uri.regex: invalid regex "("'],
    ['DestinationRule', { host: 'a', subsets: [{ name: 'v1' }, { name: 'v1' }] }, 'spec.subsets.1.name: duplicate subset name "v1"'],
    ['Gateway', { servers: [] }, 'spec.servers: gateway must have at least one server'],
    ['Gateway', { servers: [{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['*'], tls: { mode: 'SIMPLE' } }] }, 'spec.servers.0.tls: TLS mode SIMPLE requires credentialName, or serverCertificate and privateKey'],
    ['Sidecar', { egress: [{ hosts: ['no-namespace'] }] }, 'spec.egress.0.hosts.0: sidecar: host must be of form namespace/dnsName, got "no-namespace"'],
  ])('%s: %j', (kind, spec, want) => {
    expect(messages(obj(kind, spec))).toContain(want);
  });

  it('checks AuthorizationPolicy actions and providers', () => {
    const custom = obj('AuthorizationPolicy', { action: 'CUSTOM', rules: [{}] }, 'security.istio.io');
    expect(messages(custom)).toContain('spec.provider: a provider must be specified for CUSTOM action');
    const empty = obj('AuthorizationPolicy', { rules: [{ from: [{ source: { principals: [''] } }] }] }, 'security.istio.io');
    expect(messages(empty)).toContain('spec.rules.0.from.0.source.principals.0: empty value is not allowed, it matches nothing');
  });

  it('accepts well-formed objects', () => {
    expect(messages(obj('VirtualService', { hosts: ['reviews', '*.example.com'], gateways: ['mesh'], http: [{ route: [{ destination: { host: 'reviews' } }] }] }))).toEqual([]);
    expect(messages(obj('Gateway', { servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['ns/*.example.com'] }] }))).toEqual([]);
    expect(messages(obj('Sidecar', { egress: [{ hosts: ['./*', 'istio-system/*'] }] }))).toEqual([]);
  });

  it.each([
    ['*', undefined],
    ['*.example.com', undefined],
    ['reviews.bookinfo.svc.cluster.local', undefined],
    ['a.*.com', 'wildcard'],
    ['-bad.com', 'not a valid DNS label'],
    ['', 'must not be empty'],
  ])('host %j', (h, want) => {
    const p = hostProblem(h);
    if (want === undefined) expect(p).toBeUndefined();
    else expect(p).toContain(want);
  });
});
