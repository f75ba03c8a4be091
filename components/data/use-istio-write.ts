'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ZodType } from 'zod';
import { isApiErrorBody } from '@/lib/api/errors';
import { DeleteResultSchema, DryRunResultSchema, RefusedWriteSchema, rollbackPath, WriteResultSchema, type DryRunResult, type RollbackMode, type WriteResult } from '@/lib/api/istio-config';
import type { ValidationMessage } from '@/lib/api/validation';
import { ApiError } from './api-client';
import { istioKeys } from './use-istio-config';

/**
 * What a config write can come back with, besides failing outright (those throw an ApiError): done, refused
 * because it would add errors (422, `force` overrides), or refused because someone else changed the object (409).
 */
export type WriteOutcome<T> =
  | { kind: 'ok'; status: number; data: T }
  | { kind: 'refused'; message: string; messages: ValidationMessage[] }
  | { kind: 'conflict'; message: string };

export interface WriteRequest {
  method: 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  dryRun?: boolean;
  force?: boolean;
  signal?: AbortSignal;
}

/** The query string flags of a write, appended to a path that may already have a query. */
export function writeUrl(path: string, flags: { dryRun?: boolean; force?: boolean }): string {
  const extra = [flags.dryRun ? 'dryRun=true' : '', flags.force ? 'force=true' : ''].filter(Boolean).join('&');
  if (!extra) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${extra}`;
}

/**
 * Sends a write with the CSRF header every browser write needs (the server refuses writes without it, so a
 * cross-site form cannot change the mesh), and sorts the answer into a WriteOutcome.
 */
export async function sendWrite<T>(req: WriteRequest, schema: ZodType<T>): Promise<WriteOutcome<T>> {
  const url = writeUrl(req.path, req);
  let res: Response;
  try {
    res = await fetch(url, {
      method: req.method,
      headers: { accept: 'application/json', 'x-meshlens-csrf': '1', ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Cannot reach the Meshlens server. Is it running?');
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    body = undefined;
  }
  if (res.status === 409) return { kind: 'conflict', message: isApiErrorBody(body) ? body.error.message : 'The object was changed by someone else.' };
  if (res.status === 422) {
    const refused = RefusedWriteSchema.safeParse(body);
    if (refused.success) return { kind: 'refused', message: refused.data.error.message, messages: refused.data.messages };
  }
  if (!res.ok) {
    if (isApiErrorBody(body)) throw new ApiError(res.status, body.error.code, body.error.message);
    throw new ApiError(res.status, 'http_error', `${res.status} ${res.statusText || 'error'} from ${req.method} ${req.path}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(res.status, 'bad_response', `Unexpected answer from ${req.method} ${req.path}`);
  return { kind: 'ok', status: res.status, data: parsed.data };
}

/** A create or replace (or their dry runs). Real writes refresh every Istio query: list counts, object, history. */
export function useIstioSave() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: Omit<WriteRequest, 'signal'>): Promise<WriteOutcome<WriteResult | DryRunResult>> =>
      sendWrite<WriteResult | DryRunResult>(req, req.dryRun ? DryRunResultSchema : WriteResultSchema),
    onSuccess: (out, req) => {
      if (out.kind === 'ok' && !req.dryRun) void qc.invalidateQueries({ queryKey: istioKeys.all });
    },
  });
}

/** Deletes an object (`resourceVersion` guards against deleting something changed meanwhile). */
export function useIstioDelete() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: { path: string; resourceVersion?: string }) =>
      sendWrite({ method: 'DELETE', path: req.resourceVersion ? `${req.path}?resourceVersion=${encodeURIComponent(req.resourceVersion)}` : req.path }, DeleteResultSchema),
    onSuccess: (out) => {
      // The deleted object's own query is left alone: refetching it would only fetch a 404 while the page leaves.
      if (out.kind === 'ok') void qc.invalidateQueries({ queryKey: istioKeys.all, predicate: (q) => q.queryKey[1] !== 'object' });
    },
  });
}

const RollbackResultSchema: ZodType<WriteResult | { deleted: true; historyId: number }> = WriteResultSchema.or(DeleteResultSchema);

/** One-click rollback of a history entry: `undo` writes back the state before it, `restore` the state it wrote. */
export function useIstioRollback() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: { id: number; mode: RollbackMode; force?: boolean }) =>
      sendWrite({ method: 'POST', path: rollbackPath(req.id, req.mode), ...(req.force ? { force: true } : {}) }, RollbackResultSchema),
    onSuccess: (out) => {
      if (out.kind === 'ok') void qc.invalidateQueries({ queryKey: istioKeys.all });
    },
  });
}
