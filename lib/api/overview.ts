import { z } from 'zod';

/** One workload as the overview lists it. */
export const OverviewWorkload = z.object({
  name: z.string(),
  namespace: z.string(),
  app: z.string(),
  version: z.string().optional(),
  /** Whether an Istio sidecar is (or would be) injected. */
  sidecar: z.boolean(),
  protocol: z.enum(['http', 'tcp']),
  /** Loopback port of a running demo pod. */
  port: z.number().int().optional(),
});

export const OverviewNamespace = z.object({
  name: z.string(),
  /** `istio-injection=enabled` or an `istio.io/rev` label. */
  injection: z.boolean(),
  workloads: z.array(OverviewWorkload),
  services: z.array(z.string()),
  /** Istio config objects in the namespace, by kind. */
  istioConfig: z.record(z.string(), z.number()),
});

export const ConfigLoadIssue = z.object({ file: z.string(), message: z.string(), line: z.number().optional() });

/** `GET /api/overview`: what the home page shows. */
export const OverviewResponse = z.object({
  demo: z.object({ running: z.boolean(), gatewayUrl: z.string().optional() }),
  configSource: z.object({ kind: z.enum(['files', 'kubernetes']), location: z.string(), errors: z.array(ConfigLoadIssue) }),
  namespaces: z.array(OverviewNamespace),
});
export type OverviewResponse = z.infer<typeof OverviewResponse>;
export type OverviewNamespace = z.infer<typeof OverviewNamespace>;
export type OverviewWorkload = z.infer<typeof OverviewWorkload>;

/** `GET /api/namespaces` (Kiali-compatible subset). */
export const NamespaceInfo = z.object({
  name: z.string(),
  cluster: z.string(),
  labels: z.record(z.string(), z.string()),
  isControlPlane: z.boolean(),
});
export const NamespacesResponse = z.array(NamespaceInfo);
export type NamespaceInfo = z.infer<typeof NamespaceInfo>;

/** `GET /api/health`. */
export const HealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeSeconds: z.number(),
  demo: z.boolean(),
  features: z.record(z.string(), z.unknown()),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
