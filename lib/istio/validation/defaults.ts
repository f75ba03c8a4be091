import type { SourcedObject } from './model';

/**
 * The ingress gateway istioctl analyze assumes when validating files offline (its AddDefaultResources): a pod
 * labelled `istio: ingressgateway` and the `istio-ingressgateway` Service on ports 80, 443, 31400 and 15443 in
 * the Istio namespace. Without them every Gateway selecting the stock ingress would be reported as unmatched.
 */
export function defaultIngressResources(istioNamespace: string): SourcedObject[] {
  const ports = [
    ['http2', 80, 31380],
    ['https', 443, 31390],
    ['tcp', 31400, 31400],
    ['tls', 15443, 31447],
  ] as const;
  return [
    {
      object: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'istio-ingressgateway-dummypod', namespace: istioNamespace, labels: { istio: 'ingressgateway' } },
        spec: { containers: [{ name: 'istio-proxy' }] },
      },
    },
    {
      object: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'istio-ingressgateway', namespace: istioNamespace },
        spec: {
          selector: { istio: 'ingressgateway' },
          ports: ports.map(([name, port, nodePort]) => ({ name, port, nodePort, protocol: 'TCP', targetPort: port })),
        },
      },
    },
  ];
}
