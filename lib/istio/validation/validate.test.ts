import { describe, expect, it } from 'vitest';
import { ValidationMessageSchema } from '../../api/validation';
import { goFormat } from './go-format';
import { selectAnalyzers, validate } from './validate';
import { parseYamlObjects } from './yaml-source';

function run(yaml: string, analyzers?: string[]) {
  const parsed = parseYamlObjects(yaml, 'in.yaml');
  expect(parsed.problems).toEqual([]);
  return validate(parsed.objects, analyzers ? { analyzers, addDefaultIngress: true } : { addDefaultIngress: true });
}

const BOOKINFO_REVIEWS = `
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
---
apiVersion: v1
kind: Pod
metadata: {name: reviews-v1-abc, namespace: bookinfo, labels: {app: reviews, version: v1}}
spec: {containers: [{name: reviews}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets:
  - name: v1
    labels: {version: v1}
  - name: v2
    labels: {version: v2}
---
apiVersion: v1
kind: Pod
metadata: {name: reviews-v2-abc, namespace: bookinfo, labels: {app: reviews, version: v2}}
spec: {containers: [{name: reviews}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 80
    - destination:
        host: reviews
        subset: v4
      weight: 20
`;

describe('validate', () => {
  it('reports a missing subset with the contract message shape, path, line and alias', () => {
    const msgs = run(BOOKINFO_REVIEWS);
    expect(msgs).toEqual([
      {
        code: 'IST0101',
        name: 'ReferencedResourceNotFound',
        level: 'Error',
        resource: 'VirtualService bookinfo/reviews',
        path: 'spec.http[0].route[1].destination.subset',
        message: 'Referenced subset not found: "v4"',
        aliases: ['KIA1107'],
        file: 'in.yaml',
        line: 41,
        column: 9,
      },
    ]);
    for (const m of msgs) expect(ValidationMessageSchema.safeParse(m).success).toBe(true);
  });

  it('is clean on a consistent config', () => {
    expect(run(BOOKINFO_REVIEWS.replace('subset: v4', 'subset: v2'))).toEqual([]);
  });

  it.each([
    ['gateway not found', 'virtualservice.GatewayAnalyzer', `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: ns}
spec: {hosts: [a.example.com], gateways: [missing-gw]}`, ['IST0101 VirtualService ns/vs', 'IST0132 VirtualService ns/vs']],
    ['unnamed service port', 'service.PortNameAnalyzer', `
apiVersion: v1
kind: Service
metadata: {name: s, namespace: ns}
spec: {ports: [{port: 8080}, {name: http-web, port: 80}, {name: foo, port: 81}]}`, ['IST0118 Service ns/s', 'IST0118 Service ns/s']],
    ['TLS origination without CA', 'destinationrule.CaCertificateAnalyzer', `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: dr, namespace: ns}
spec: {host: x.example.com, trafficPolicy: {tls: {mode: SIMPLE}}}`, ['IST0128 DestinationRule ns/dr']],
    ['two selector-less sidecars', 'sidecar.SelectorAnalyzer', `
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: a, namespace: ns}
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: b, namespace: ns}`, ['IST0111 Sidecar ns/a', 'IST0111 Sidecar ns/b']],
    ['deployment template counts as a workload', 'destinationrule.SubsetSelectPodAnalyzer', `
apiVersion: v1
kind: Service
metadata: {name: r, namespace: ns}
spec: {selector: {app: r}, ports: [{name: http, port: 80}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: r-v1, namespace: ns}
spec: {template: {metadata: {labels: {app: r, version: v1}}, spec: {containers: [{name: r}]}}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: r, namespace: ns}
spec: {host: r, subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]}`, ['IST0173 DestinationRule ns/r']],
  ])('%s', (_name, analyzer, yaml, want) => {
    const got = run(yaml, [analyzer]).map((m) => `${m.code} ${m.resource}`);
    expect(got.sort()).toEqual([...want].sort());
  });

  it('survives wrongly typed fields without throwing or internal errors', () => {
    const yaml = `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: weird, namespace: ns}
spec: {hosts: 7, gateways: {a: 1}, http: [null, 3, {route: "x"}, {route: [null, {destination: 5}]}], tcp: "no"}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: g, namespace: ns}
spec: {selector: [1], servers: [null, {port: "x", hosts: [1, null]}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: d, namespace: ns}
spec: {host: 3, subsets: "x", trafficPolicy: {portLevelSettings: [null, {tls: 1}]}}
---
apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: e, namespace: ns}
spec: {configPatches: [{applyTo: 1, patch: {operation: [], value: 3}}]}`;
    const msgs = run(yaml);
    expect(msgs.filter((m) => m.code === 'IST0001')).toEqual([]);
  });

  it('dedupes identical findings and sorts errors first', () => {
    const msgs = run(`
apiVersion: v1
kind: Service
metadata: {name: s, namespace: ns}
spec: {ports: [{port: 1, targetPort: 1}, {port: 1, targetPort: 1}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: ns}
spec: {hosts: [x], http: [{route: [{destination: {host: nope}}]}]}`);
    expect(msgs.map((m) => m.code)).toEqual(['IST0101', 'IST0118']);
  });

  it('selects analyzers by exact name or dotted prefix', () => {
    expect(selectAnalyzers(['virtualservice.']).every((a) => a.name.startsWith('virtualservice.'))).toBe(true);
    expect(selectAnalyzers(['virtualservice.']).length).toBeGreaterThan(2);
    expect(selectAnalyzers(['nope'])).toEqual([]);
    expect(new Set(selectAnalyzers().map((a) => a.name)).size).toBe(selectAnalyzers().length);
  });
});

describe('goFormat', () => {
  it.each([
    ['Referenced %s not found: %q', ['host', 'a"b'], 'Referenced host not found: "a\\"b"'],
    ['The Sidecars %v in %q', [['a', 'b'], 'ns'], 'The Sidecars [a b] in "ns"'],
    ['port %d, 100%%', [80], 'port 80, 100%'],
    ['missing %s', [], 'missing <nil>'],
  ])('%s', (t, args, want) => expect(goFormat(t, args)).toBe(want));
});

describe('galley.istio.io/analyze-suppress', () => {
  it('drops the listed codes (and aliases) on the annotated object only', () => {
    const yaml = `
apiVersion: v1
kind: Service
metadata: {name: quiet, namespace: ns, annotations: {galley.istio.io/analyze-suppress: "IST0118"}}
spec: {ports: [{port: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: loud, namespace: ns}
spec: {ports: [{port: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: alias, namespace: ns, annotations: {galley.istio.io/analyze-suppress: "KIA0601"}}
spec: {ports: [{port: 8080}]}`;
    expect(run(yaml, ['service.PortNameAnalyzer']).map((m) => m.resource)).toEqual(['Service ns/loud']);
  });
});
