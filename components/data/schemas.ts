import { z } from 'zod';

// Schemas for endpoints whose wire types are not (yet) in lib/api. Loose on purpose (`.passthrough` / optional
// fields): the UI must keep working when the server adds fields. Move each to lib/api once its owner publishes it.

/** `GET /api/health` (CONTRACT §3): `{"status":"ok", ...}` plus one status object per server feature. */
export const HealthSchema = z
  .object({
    status: z.string(),
    version: z.string().optional(),
    uptimeSeconds: z.number().optional(),
  })
  .passthrough();
export type Health = z.infer<typeof HealthSchema>;

/** `GET /api/namespaces` (CONTRACT §3). */
export const NamespacesSchema = z.array(z.object({ name: z.string() }).passthrough());
export type NamespaceInfo = z.infer<typeof NamespacesSchema>[number];

export const OverviewWorkloadSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  app: z.string(),
  version: z.string().optional(),
  sidecar: z.boolean(),
  protocol: z.string(),
});
export type OverviewWorkload = z.infer<typeof OverviewWorkloadSchema>;

/** `GET /api/overview`: namespaces with their workloads, and whether the embedded demo runs. */
export const OverviewSchema = z.object({
  demo: z.object({ running: z.boolean() }).passthrough(),
  namespaces: z.array(z.object({ name: z.string(), workloads: z.array(OverviewWorkloadSchema) }).passthrough()),
});
export type Overview = z.infer<typeof OverviewSchema>;
