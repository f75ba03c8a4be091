import { z } from 'zod';
import { IstioObjectSchema } from './istio-config';
import { ValidationMessageSchema } from './validation';

/*
 * Wire contract of the traffic-shift endpoint (CONTRACT §3, server/features/istio-config/traffic-routes.ts):
 * `GET /api/namespaces/{ns}/services/{service}/traffic-shift` reads the split, `PUT` (body `{weights}`) writes
 * the service's DestinationRule subsets and VirtualService weights, `?dryRun=true` answers what it would write.
 */

/** `GET`: the service's versions, the current split by subset, and which objects carry it. */
export const ServiceTrafficSchema = z.object({
  service: z.string(),
  namespace: z.string(),
  /** Versions of the workloads behind the service, sorted. */
  versions: z.array(z.string()),
  /** Subset name (`*` for the whole service) → weight, of the catch-all route. */
  weights: z.record(z.string(), z.number()),
  virtualService: z.string().optional(),
  destinationRule: z.string().optional(),
  /** Subset name → the version it selects (absent when it selects by other labels). */
  subsets: z.record(z.string(), z.string().nullable().optional()),
});
export type ServiceTraffic = z.infer<typeof ServiceTrafficSchema>;

const WrittenObjectSchema = z.object({
  object: IstioObjectSchema,
  resourceVersion: z.string(),
  validations: z.array(ValidationMessageSchema).default([]),
});

/** `PUT` (real write): the split as now stored, both objects, and the history entries written (DR first). */
export const TrafficShiftResultSchema = z.object({
  weights: z.record(z.string(), z.number()),
  virtualService: WrittenObjectSchema.nullable(),
  destinationRule: WrittenObjectSchema.nullable(),
  historyIds: z.array(z.number()),
});
export type TrafficShiftResult = z.infer<typeof TrafficShiftResultSchema>;

const PreviewObjectSchema = z.object({ object: IstioObjectSchema, validations: z.array(ValidationMessageSchema).default([]) });

/** `PUT ?dryRun=true`: the objects the split would write, with their validations, nothing written. */
export const TrafficShiftDryRunSchema = z.object({
  dryRun: z.literal(true),
  weights: z.record(z.string(), z.number()),
  virtualService: PreviewObjectSchema,
  destinationRule: PreviewObjectSchema,
});
export type TrafficShiftDryRun = z.infer<typeof TrafficShiftDryRunSchema>;

/** The request body: version (or subset) name → integer weight, summing to 100. */
export interface TrafficShiftBody {
  weights: Record<string, number>;
}

export function trafficShiftPath(namespace: string, service: string): string {
  return `/api/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(service)}/traffic-shift`;
}
