import type { ServiceDef } from './registry';

/** One demo pod: who it is, whether it has a sidecar, and which app it runs. */
export interface WorkloadSpec {
  name: string;
  namespace: string;
  app: string;
  version?: string;
  serviceAccount: string;
  sidecar: boolean;
  protocol: 'http' | 'tcp';
  role: 'gateway' | 'app' | 'external' | 'client';
  /** Which tracing this workload's proxy/app speaks (Envoy's Zipkin tracer with B3, or OpenTelemetry with W3C). */
  tracing: 'zipkin' | 'otlp';
}

/** Bookinfo as CONTRACT §5 describes it, plus MongoDB, a sidecar-less caller and an external API. */
export const WORKLOADS: WorkloadSpec[] = [
  { name: 'istio-ingressgateway', namespace: 'istio-system', app: 'istio-ingressgateway', serviceAccount: 'istio-ingressgateway-service-account', sidecar: true, protocol: 'http', role: 'gateway', tracing: 'zipkin' },
  { name: 'productpage-v1', namespace: 'bookinfo', app: 'productpage', version: 'v1', serviceAccount: 'bookinfo-productpage', sidecar: true, protocol: 'http', role: 'app', tracing: 'otlp' },
  { name: 'details-v1', namespace: 'bookinfo', app: 'details', version: 'v1', serviceAccount: 'bookinfo-details', sidecar: true, protocol: 'http', role: 'app', tracing: 'zipkin' },
  { name: 'reviews-v1', namespace: 'bookinfo', app: 'reviews', version: 'v1', serviceAccount: 'bookinfo-reviews', sidecar: true, protocol: 'http', role: 'app', tracing: 'zipkin' },
  { name: 'reviews-v2', namespace: 'bookinfo', app: 'reviews', version: 'v2', serviceAccount: 'bookinfo-reviews', sidecar: true, protocol: 'http', role: 'app', tracing: 'otlp' },
  { name: 'reviews-v3', namespace: 'bookinfo', app: 'reviews', version: 'v3', serviceAccount: 'bookinfo-reviews', sidecar: true, protocol: 'http', role: 'app', tracing: 'otlp' },
  { name: 'ratings-v1', namespace: 'bookinfo', app: 'ratings', version: 'v1', serviceAccount: 'bookinfo-ratings', sidecar: true, protocol: 'http', role: 'app', tracing: 'zipkin' },
  { name: 'mongodb-v1', namespace: 'bookinfo', app: 'mongodb', version: 'v1', serviceAccount: 'bookinfo-mongodb', sidecar: true, protocol: 'tcp', role: 'app', tracing: 'zipkin' },
  { name: 'legacy-client', namespace: 'bookinfo', app: 'legacy-client', version: 'v1', serviceAccount: 'default', sidecar: false, protocol: 'http', role: 'client', tracing: 'zipkin' },
  { name: 'openlibrary-api', namespace: 'external', app: 'openlibrary-api', serviceAccount: 'default', sidecar: false, protocol: 'http', role: 'external', tracing: 'zipkin' },
];

export const SERVICES: ServiceDef[] = [
  { name: 'productpage', namespace: 'bookinfo', port: 9080, protocol: 'http', selector: { app: 'productpage' } },
  { name: 'details', namespace: 'bookinfo', port: 9080, protocol: 'http', selector: { app: 'details' } },
  { name: 'reviews', namespace: 'bookinfo', port: 9080, protocol: 'http', selector: { app: 'reviews' } },
  { name: 'ratings', namespace: 'bookinfo', port: 9080, protocol: 'http', selector: { app: 'ratings' } },
  { name: 'mongodb', namespace: 'bookinfo', port: 27017, protocol: 'tcp', selector: { app: 'mongodb' } },
  { name: 'istio-ingressgateway', namespace: 'istio-system', port: 80, protocol: 'http', selector: { app: 'istio-ingressgateway' } },
];

/** The external host the ServiceEntry declares; the demo resolves it to the local stand-in. */
export const EXTERNAL_HOST = 'api.openlibrary.example';

/** Pod labels as Kubernetes would have them. */
export function labelsOf(w: WorkloadSpec): Record<string, string> {
  const l: Record<string, string> = { app: w.app };
  if (w.version) l.version = w.version;
  if (w.role === 'gateway') l.istio = 'ingressgateway';
  return l;
}
