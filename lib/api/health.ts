/**
 * Health and its reason on the wire: next to every `healthStatus` that is not Healthy (graph nodes and edges,
 * the service and item traffic endpoints, the overview), an optional `healthReason` says which rate crossed which
 * threshold in which direction, and for calls to whom (lib/traffic/health.ts decides; this is its shape).
 */
import { z } from 'zod';

export const healthReasonSchema = z.object({
  status: z.enum(['Degraded', 'Failure']),
  /** `inbound`: requests the item received; `outbound`: calls it made; `edge`: the requests on one edge. */
  direction: z.enum(['inbound', 'outbound', 'edge']),
  protocol: z.enum(['http', 'grpc']),
  /** Failed share, percent (0–100). */
  errorPercent: z.number(),
  /** The threshold crossed, percent (the rule is `≥`). */
  threshold: z.number(),
  /** The dominant failure: `5xx`, `4xx`, `no-response`, `grpc` (non-OK status) or `flag` (an Envoy failure flag). */
  errorClass: z.enum(['no-response', '5xx', '4xx', 'grpc', 'flag']),
  /** Envoy response flags on the failed requests, most frequent first. */
  flags: z.array(z.string()).optional(),
  /** The service, app or workload the worst errors came from (inbound) or went to (outbound). */
  peer: z.string().optional(),
  /** The reason as one sentence: "Degraded: 4.8% 5xx on calls to ratings (≥ 0.1%)". */
  text: z.string(),
});
export type HealthReasonWire = z.infer<typeof healthReasonSchema>;
