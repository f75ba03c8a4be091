import { z } from 'zod';
import { ValidationMessageSchema } from './validation';

/*
 * The Istio config API wire contract (CONTRACT §3 "Istio config", server/features/istio-config/routes.ts):
 * list, one object, writes (with dryRun / 409 conflict / 422 refused), history and rollback; plus path builders.
 */

/** An Istio object as the store holds it. Parsed loosely: every field beyond the identity is the user's. */
export const IstioObjectSchema = z
  .object({
    apiVersion: z.string(),
    kind: z.string(),
    metadata: z.looseObject({ name: z.string(), namespace: z.string().optional() }),
  })
  .loose();
export type IstioObject = z.infer<typeof IstioObjectSchema>;

export const SourcePositionSchema = z.object({ file: z.string(), line: z.number(), column: z.number() });

/** One object of the list (and the base of the single-object answer). */
export const ConfigItemSchema = z.object({
  object: IstioObjectSchema,
  resourceVersion: z.string(),
  validations: z.array(ValidationMessageSchema).default([]),
  source: SourcePositionSchema.optional(),
});
export type ConfigItem = z.infer<typeof ConfigItemSchema>;

export const ConfigLoadErrorSchema = z.object({ file: z.string(), message: z.string(), line: z.number().optional(), column: z.number().optional() });
export type ConfigLoadError = z.infer<typeof ConfigLoadErrorSchema>;

/** `GET /api/istio/config` */
export const ConfigListResponseSchema = z.object({
  items: z.array(ConfigItemSchema),
  counts: z.object({ objects: z.number(), errors: z.number(), warnings: z.number() }),
  loadErrors: z.array(ConfigLoadErrorSchema).default([]),
});
export type ConfigListResponse = z.infer<typeof ConfigListResponseSchema>;

/** `GET /api/namespaces/{ns}/istio/{group}/{version}/{Kind}/{name}`: the item plus the stored YAML text. */
export const ConfigObjectResponseSchema = ConfigItemSchema.extend({ yaml: z.string() });
export type ConfigObjectResponse = z.infer<typeof ConfigObjectResponseSchema>;

/** A successful write (201 on create, 200 otherwise). */
export const WriteResultSchema = z.object({
  object: IstioObjectSchema,
  resourceVersion: z.string(),
  validations: z.array(ValidationMessageSchema).default([]),
  historyId: z.number(),
});
export type WriteResult = z.infer<typeof WriteResultSchema>;

/** A delete (or a rollback that removed the object). */
export const DeleteResultSchema = z.object({ deleted: z.literal(true), historyId: z.number() });

/** `?dryRun=true`: what the write would do, without doing it. */
export const DryRunResultSchema = z.object({
  dryRun: z.literal(true),
  object: IstioObjectSchema.nullable(),
  validations: z.array(ValidationMessageSchema).default([]),
  errorsAdded: z.array(ValidationMessageSchema).default([]),
});
export type DryRunResult = z.infer<typeof DryRunResultSchema>;

/** 422: the write would add error-level messages (`?force=true` writes anyway). */
export const RefusedWriteSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  messages: z.array(ValidationMessageSchema),
});

/** 400 from `POST /api/istio/validate` on malformed YAML: where the parser gave up. */
export const ValidateProblemSchema = z.object({
  error: z.object({
    message: z.string(),
    details: z.object({ problems: z.array(z.object({ message: z.string(), line: z.number().optional(), column: z.number().optional() })) }).optional(),
  }),
});

export const HistoryActionSchema = z.enum(['create', 'replace', 'patch', 'delete', 'rollback', 'traffic-shift']);
export type HistoryAction = z.infer<typeof HistoryActionSchema>;

export const HistoryEntrySchema = z.object({
  id: z.number(),
  time: z.string(),
  user: z.string(),
  action: z.union([HistoryActionSchema, z.string()]),
  kind: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
  summary: z.string().optional(),
  rollbackOf: z.number().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** `GET /api/istio/history` (newest first). */
export const HistoryListResponseSchema = z.object({ entries: z.array(HistoryEntrySchema) });

/** `GET /api/istio/history/{id}`: the entry with both states and a unified diff between them. */
export const HistoryDetailResponseSchema = z.object({
  entry: HistoryEntrySchema.extend({ before: IstioObjectSchema.optional(), after: IstioObjectSchema.optional() }),
  diff: z.string(),
});
export type HistoryDetailResponse = z.infer<typeof HistoryDetailResponseSchema>;

/** Which object: namespace, apiVersion (group/version), Kind and name. */
export interface ObjectRef {
  namespace: string;
  apiVersion: string;
  kind: string;
  name: string;
}

/** Splits an apiVersion into group and version (`v1` alone is the core group). */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: 'core', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

const seg = encodeURIComponent;

/** The collection path objects of a kind are created at (POST). */
export function collectionPath(ref: Omit<ObjectRef, 'name'>): string {
  const { group, version } = splitApiVersion(ref.apiVersion);
  return `/api/namespaces/${seg(ref.namespace)}/istio/${seg(group)}/${seg(version)}/${seg(ref.kind)}`;
}

/** The path of one object (GET, PUT, PATCH, DELETE). */
export function objectPath(ref: ObjectRef): string {
  return `${collectionPath(ref)}/${seg(ref.name)}`;
}

/** `GET /api/istio/config` with optional namespace and kind filters (empty lists mean all). */
export function configListPath(filter: { namespaces?: readonly string[]; kinds?: readonly string[] }): string {
  const q = new URLSearchParams({ validate: 'true' });
  if (filter.namespaces?.length) q.set('namespaces', filter.namespaces.join(','));
  if (filter.kinds?.length) q.set('kinds', filter.kinds.join(','));
  return `/api/istio/config?${q.toString()}`;
}

export function historyListPath(filter: { namespace?: string; kind?: string; name?: string; limit?: number }): string {
  const q = new URLSearchParams();
  if (filter.namespace) q.set('namespace', filter.namespace);
  if (filter.kind) q.set('kind', filter.kind);
  if (filter.name) q.set('name', filter.name);
  if (filter.limit !== undefined) q.set('limit', String(filter.limit));
  const s = q.toString();
  return s ? `/api/istio/history?${s}` : '/api/istio/history';
}

export const historyEntryPath = (id: number) => `/api/istio/history/${id}`;

/** undo = write back the state before the entry; restore = write the state the entry wrote. */
export type RollbackMode = 'undo' | 'restore';
export const rollbackPath = (id: number, mode: RollbackMode) => `/api/istio/history/${id}/rollback?mode=${mode}`;

export const VALIDATE_IN_STORE_PATH = '/api/istio/validate?context=store';

/**
 * Istio kinds a user can create from the UI, with the apiVersion new objects get (the newest served one).
 * The list's kind filter also offers kinds found in the store, so this is a starting point, not a limit.
 */
export const ISTIO_KINDS: readonly { kind: string; apiVersion: string }[] = [
  { kind: 'VirtualService', apiVersion: 'networking.istio.io/v1' },
  { kind: 'DestinationRule', apiVersion: 'networking.istio.io/v1' },
  { kind: 'Gateway', apiVersion: 'networking.istio.io/v1' },
  { kind: 'ServiceEntry', apiVersion: 'networking.istio.io/v1' },
  { kind: 'Sidecar', apiVersion: 'networking.istio.io/v1' },
  { kind: 'WorkloadEntry', apiVersion: 'networking.istio.io/v1' },
  { kind: 'WorkloadGroup', apiVersion: 'networking.istio.io/v1' },
  { kind: 'EnvoyFilter', apiVersion: 'networking.istio.io/v1alpha3' },
  { kind: 'PeerAuthentication', apiVersion: 'security.istio.io/v1' },
  { kind: 'AuthorizationPolicy', apiVersion: 'security.istio.io/v1' },
  { kind: 'RequestAuthentication', apiVersion: 'security.istio.io/v1' },
  { kind: 'Telemetry', apiVersion: 'telemetry.istio.io/v1' },
];

/** The default apiVersion for a kind (undefined when Meshlens does not know the kind). */
export function apiVersionOfKind(kind: string): string | undefined {
  return ISTIO_KINDS.find((k) => k.kind === kind)?.apiVersion;
}
