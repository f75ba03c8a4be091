import { z } from 'zod';

// Health is parsed loosely (lib/api/overview.ts has the strict HealthResponse): the status light must keep
// working when the server adds or changes fields, or reports a status other than "ok".

/** `GET /api/health` (CONTRACT §3): `{"status":"ok", ...}` plus one status object per server feature. */
export const HealthSchema = z
  .object({
    status: z.string(),
    version: z.string().optional(),
    uptimeSeconds: z.number().optional(),
  })
  .passthrough();
export type Health = z.infer<typeof HealthSchema>;

// Namespaces and the overview: lib/api/overview.ts (the lead's wire contract).
export { NamespacesResponse as NamespacesSchema, OverviewResponse as OverviewSchema } from '@/lib/api/overview';
export type { NamespaceInfo, OverviewResponse as Overview, OverviewWorkload, OverviewNamespace } from '@/lib/api/overview';
