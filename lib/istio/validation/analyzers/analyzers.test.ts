import { describe, expect, it } from 'vitest';
import { validate } from '../validate';
import { parseYamlObjects } from '../yaml-source';

/** Runs one analyzer over YAML and returns `CODE Kind ns/name path` strings, sorted. */
function run(analyzer: string, yaml: string, meshConfig: Record<string, unknown> = {}): string[] {
  const parsed = parseYamlObjects(yaml, 't.yaml');
  expect(parsed.problems).toEqual([]);
  return validate(parsed.objects, { analyzers: [analyzer], meshConfig, now: Date.UTC(2026, 0, 1), addDefaultIngress: true })
    .map((m) => `${m.code} ${m.resource} ${m.path ?? ''}`)
    .sort();
}

const doc = (s: string) => s.trim();

describe.each([
  {
    name: 'mesh-wide PeerAuthentication disabling mTLS while a *.local DestinationRule enables it',
    analyzer: 'kiali.peerauthentications.MtlsChecker',
    yaml: `
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec: {mtls: {mode: DISABLE}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: mesh, namespace: istio-system}
spec: {host: "*.local", trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}`,
    want: ['KIA0506 PeerAuthentication istio-system/default spec.mtls'],
  },
  {
    name: 'namespace DestinationRule disabling mTLS under a STRICT namespace policy',
    analyzer: 'kiali.destinationrules.MtlsChecker',
    yaml: `
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: shop}
spec: {mtls: {mode: STRICT}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: no-mtls, namespace: shop}
spec: {host: "*.shop.svc.cluster.local", trafficPolicy: {tls: {mode: DISABLE}}}`,
    want: ['KIA0207 DestinationRule shop/no-mtls spec.trafficPolicy.tls.mode'],
  },
  {
    name: 'AuthorizationPolicy on principals where mTLS is off',
    analyzer: 'kiali.authorization.MtlsEnabledChecker',
    meshConfig: { enableAutoMtls: false },
    yaml: `
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ap, namespace: shop}
spec:
  rules: [{from: [{source: {principals: ["cluster.local/ns/shop/sa/web"]}}]}]`,
    want: ['KIA0105 AuthorizationPolicy shop/ap spec.rules[0].from[0].source.principals'],
  },
  {
    name: 'AuthorizationPolicy on principals under STRICT mTLS is fine',
    analyzer: 'kiali.authorization.MtlsEnabledChecker',
    meshConfig: { enableAutoMtls: false },
    yaml: `
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec: {mtls: {mode: STRICT}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: mesh, namespace: istio-system}
spec: {host: "*.local", trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ap, namespace: shop}
spec:
  rules: [{from: [{source: {principals: ["cluster.local/ns/shop/sa/web"]}}]}]`,
    want: [],
  },
  {
    name: 'exportTo naming a missing namespace',
    analyzer: 'kiali.common.ExportToNamespaceChecker',
    yaml: `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: shop}
spec: {hosts: [a], exportTo: [".", shop, nowhere]}`,
    want: ['KIA0005 VirtualService shop/vs spec.exportTo[2]'],
  },
  {
    name: 'ServiceEntry TCP port without addresses',
    analyzer: 'serviceentry.Analyzer',
    yaml: `
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: db, namespace: shop}
spec: {hosts: [db.example.com], ports: [{number: 5432, name: tcp, protocol: TCP}], resolution: DNS}`,
    want: ['IST0134 ServiceEntry shop/db spec.ports[0]'],
  },
  {
    name: 'two DestinationRules for one host',
    analyzer: 'kiali.MultiMatchChecker',
    yaml: `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: a, namespace: shop}
spec: {host: web, subsets: [{name: v1, labels: {version: v1}}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: b, namespace: shop}
spec: {host: web.shop.svc.cluster.local, subsets: [{name: v1, labels: {version: v1}}]}`,
    want: ['KIA0201 DestinationRule shop/a spec.host', 'KIA0201 DestinationRule shop/b spec.host'],
  },
  {
    name: 'gateway credential missing and invalid',
    analyzer: 'gateway.SecretAnalyzer',
    yaml: `
apiVersion: v1
kind: Secret
metadata: {name: bad, namespace: istio-system}
data: {tls.crt: aGVsbG8=, tls.key: aGVsbG8=}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers:
  - {port: {number: 443, name: https, protocol: HTTPS}, hosts: ["*"], tls: {mode: SIMPLE, credentialName: bad}}
  - {port: {number: 8443, name: https2, protocol: HTTPS}, hosts: ["*"], tls: {mode: SIMPLE, credentialName: absent}}`,
    want: ['IST0101 Gateway shop/gw spec.servers[1].tls.credentialName', 'IST0161 Gateway shop/gw spec.servers[0].tls.credentialName'],
  },
  {
    name: 'schema errors with paths',
    analyzer: 'schema.ValidationAnalyzer.DestinationRule',
    yaml: `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: dr, namespace: shop}
spec: {host: web, trafficPolicy: {tls: {mode: MUTUALLY}, conectionPool: {}}}`,
    want: ['IST0106 DestinationRule shop/dr spec.trafficPolicy.conectionPool', 'IST0106 DestinationRule shop/dr spec.trafficPolicy.tls.mode'],
  },
])('$name', ({ analyzer, yaml, want, meshConfig }) => {
  it(`reports ${want.length === 0 ? 'nothing' : want.join(', ')}`, () => {
    expect(run(analyzer, doc(yaml), meshConfig)).toEqual([...want].sort());
  });
});

describe('Kiali route, sidecar and operation checks', () => {
  it('flags a lone weighted route and a repeated destination', () => {
    const yaml = `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: shop}
spec:
  hosts: [web]
  http:
  - route: [{destination: {host: web}, weight: 80}]
  - route: [{destination: {host: web, subset: v1}, weight: 50}, {destination: {host: web.shop.svc.cluster.local, subset: v1}, weight: 50}]`;
    expect(run('kiali.virtualservices.RouteChecker', doc(yaml))).toEqual([
      'KIA1104 VirtualService shop/vs spec.http[0].route[0].weight',
      'KIA1105 VirtualService shop/vs spec.http[1].route[1].destination',
    ]);
  });

  it('flags a root-namespace Sidecar with a selector and unknown egress hosts', () => {
    const yaml = `
apiVersion: v1
kind: Service
metadata: {name: db, namespace: data}
spec: {selector: {app: db}, ports: [{name: tcp, port: 5432}]}
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: istio-system}
spec: {workloadSelector: {labels: {app: x}}, egress: [{hosts: ["data/db.data.svc.cluster.local", "data/nope.data.svc.cluster.local", "./*"]}]}`;
    expect(run('kiali.sidecars.SidecarChecker', doc(yaml))).toEqual([
      'KIA1004 Sidecar istio-system/default spec.egress[0].hosts[1]',
      'KIA1006 Sidecar istio-system/default spec.workloadSelector',
    ]);
  });

  it('flags invalid methods in AuthorizationPolicy operations', () => {
    const yaml = `
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ap, namespace: shop}
spec: {rules: [{to: [{operation: {methods: [GET, FETCH, "*"]}}]}]}`;
    expect(run('kiali.authorization.OperationChecker', doc(yaml))).toEqual(['KIA0102 AuthorizationPolicy shop/ap spec.rules[0].to[0].operation.methods[1]']);
  });
});

describe('Kiali service port checks', () => {
  it('flags an unknown appProtocol and a target port no container declares', () => {
    const yaml = `
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}, {name: grpc, port: 90, targetPort: 9090, appProtocol: carrier-pigeon}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, ports: [{containerPort: 8080}]}]}}}`;
    expect(run('kiali.services.PortChecker', doc(yaml))).toEqual([
      'KIA0602 Service shop/web spec.ports[1].appProtocol',
      'KIA0701 Service shop/web spec.ports[1]',
    ]);
  });
});
