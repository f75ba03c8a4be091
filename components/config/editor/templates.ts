import { apiVersionOfKind } from '@/lib/api/istio-config';

/** Starting YAML for a new object of a kind: a small, valid-shaped example to edit rather than a blank page. */
export function objectTemplate(kind: string, namespace: string): string {
  const apiVersion = apiVersionOfKind(kind) ?? 'networking.istio.io/v1';
  const head = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: my-${kind.toLowerCase()}\n  namespace: ${namespace}\n`;
  return head + (SPECS[kind] ?? 'spec: {}\n');
}

const SPECS: Record<string, string> = {
  VirtualService: `spec:
  hosts:
    - reviews
  http:
    - route:
        - destination:
            host: reviews
            subset: v1
`,
  DestinationRule: `spec:
  host: reviews
  subsets:
    - name: v1
      labels:
        version: v1
`,
  Gateway: `spec:
  selector:
    istio: ingressgateway
  servers:
    - port:
        number: 80
        name: http
        protocol: HTTP
      hosts:
        - "*"
`,
  ServiceEntry: `spec:
  hosts:
    - api.example.com
  location: MESH_EXTERNAL
  ports:
    - number: 443
      name: https
      protocol: TLS
  resolution: DNS
`,
  Sidecar: `spec:
  egress:
    - hosts:
        - "./*"
        - "istio-system/*"
`,
  PeerAuthentication: `spec:
  mtls:
    mode: STRICT
`,
  AuthorizationPolicy: `spec:
  action: ALLOW
  rules:
    - from:
        - source:
            namespaces:
              - istio-system
`,
  RequestAuthentication: `spec:
  jwtRules:
    - issuer: https://issuer.example.com
      jwksUri: https://issuer.example.com/.well-known/jwks.json
`,
  Telemetry: `spec:
  tracing:
    - randomSamplingPercentage: 10
`,
};

const SYSTEM_NAMESPACES = new Set(['default', 'istio-system', 'kube-system', 'kube-public', 'kube-node-lease']);

/** The namespace a new object most likely belongs in: the first application namespace, else `default`. */
export function preferredNamespace(names: readonly string[]): string {
  return [...names].sort().find((n) => !SYSTEM_NAMESPACES.has(n)) ?? 'default';
}
