import { mergePatch } from '../../../lib/istio/merge-patch';
import { groupOf, resourceName, type K8sObject } from '../../../lib/istio/types';
import { unifiedDiff } from '../../../lib/text/line-diff';
import type { Core } from '../../core';
import { HttpError, notFound } from '../../http/errors';
import { knownNamespaces } from '../core-api';
import type { ApiRequest, Route } from '../../http/router';
import { toYaml } from '../../sources/config/file-writes';
import { StoreError, type StoredObject } from '../../sources/config/store';
import type { ConfigHistory, HistoryEntry } from '../../stores/history/journal';
import { objectForPath, readObjectBody, yamlLimitsOf } from './body';
import { objectPathOf } from './object-path';
import type { Message, StoreValidation } from './validation';

const OBJECT_PATH = '/api/namespaces/:ns/istio/:group/:version/:kind';

/** Who made a change; the authenticated user once authentication is configured. */
export function userOf(req: ApiRequest): string {
  const u = req.headers['x-meshlens-user'];
  return typeof u === 'string' && /^[\w.@:-]{1,100}$/.test(u) ? u : 'anonymous';
}

export const flag = (req: ApiRequest, name: string) => ['true', '1', 'All'].includes(req.url.searchParams.get(name) ?? '');

export function storeErrorToHttp(err: unknown): never {
  if (err instanceof StoreError) {
    const code = err.code === 'not_found' ? 'not_found' : err.code === 'forbidden' ? 'forbidden' : err.code === 'invalid' ? 'unprocessable' : 'conflict';
    throw new HttpError(code, err.message);
  }
  throw err;
}

export interface WriteDeps {
  core: Core;
  validation: StoreValidation;
  history: ConfigHistory;
}

export interface Change {
  action: HistoryEntry['action'];
  key: { kind: string; namespace?: string; name: string };
  before?: StoredObject;
  next?: K8sObject;
  expectedVersion?: string;
  summary?: string;
  rollbackOf?: number;
}

/** The 422 answer for changes that would add error-level messages. */
export function unprocessable(added: Message[]): { status: number; body: unknown } {
  return {
    status: 422,
    body: { error: { code: 'unprocessable', message: `the change would add ${added.length} error${added.length > 1 ? 's' : ''}: ${added[0]?.message ?? ''}${added.length > 1 ? ' …' : ''} (add ?force=true to write anyway)`, details: { messages: added } }, messages: added },
  };
}

/** One store write (or dry run); store refusals become HTTP errors. */
async function storeWrite(d: WriteDeps, change: Change, dryRun: boolean): Promise<StoredObject | undefined> {
  const s = d.core.configStore;
  const opts = dryRun ? { dryRun } : undefined;
  try {
    if (!change.next) {
      await s.remove(change.key.kind, change.key.namespace, change.key.name, change.expectedVersion, opts);
      return undefined;
    }
    if (!change.before) return await s.create(change.next, opts);
    return await s.replace(change.next, change.expectedVersion, opts);
  } catch (err) {
    return storeErrorToHttp(err);
  }
}

/**
 * Writes one change and journals it: the intent first (durably), then the store write, then the intent marked done
 * (or aborted when the store refused), so after a crash the next start can tell which writes happened.
 * Store refusals become HTTP errors.
 */
export async function writeChange(d: WriteDeps, req: ApiRequest, change: Change): Promise<{ stored?: StoredObject; entry: HistoryEntry }> {
  const intent = await d.history.begin({
    user: userOf(req),
    action: change.action,
    kind: change.key.kind,
    name: change.key.name,
    ...(change.key.namespace ? { namespace: change.key.namespace } : {}),
    ...(change.before ? { before: change.before.object } : {}),
    ...(change.next ? { after: change.next } : {}),
    ...(change.summary ? { summary: change.summary } : {}),
    ...(change.rollbackOf !== undefined ? { rollbackOf: change.rollbackOf } : {}),
  });
  let stored: StoredObject | undefined;
  try {
    stored = await storeWrite(d, change, false);
  } catch (err) {
    await d.history.abort(intent.id, err instanceof Error ? err.message : String(err));
    throw err;
  }
  const entry = await d.history.commit(intent.id, stored?.object);
  d.core.log.info({ user: entry.user, action: entry.action, object: `${entry.kind} ${entry.namespace ?? ''}/${entry.name}`, historyId: entry.id }, 'config changed');
  return stored ? { stored, entry } : { entry };
}

/**
 * Validates and applies one change, Kiali-API style: `dryRun` answers without writing, a change that would
 * add an error-level message is refused with 422 (unless `force`), every real write is journaled.
 */
export async function applyChange(d: WriteDeps, req: ApiRequest, change: Change): Promise<{ status: number; body: unknown }> {
  const { added, after } = d.validation.errorsAdded([{ key: change.key, next: change.next }]);
  const resource = change.next ?? change.before?.object;
  const own = resource ? after.filter((m) => m.resource === resourceName(resource)) : [];
  if (added.length > 0 && !flag(req, 'force')) return unprocessable(added);
  if (flag(req, 'dryRun')) {
    // The Kubernetes API can check more (schemas, admission webhooks): ask it too; files have nothing more to say.
    if (d.core.configStore.kind === 'kubernetes') await storeWrite(d, change, true);
    return { status: 200, body: { dryRun: true, object: change.next ?? null, validations: own, errorsAdded: added } };
  }
  const { stored, entry } = await writeChange(d, req, change);
  return {
    status: change.action === 'create' ? 201 : 200,
    body: stored
      ? { object: stored.object, resourceVersion: stored.resourceVersion, validations: d.validation.of(stored.object), historyId: entry.id }
      : { deleted: true, historyId: entry.id },
  };
}

function expectedVersionOf(o: unknown): string | undefined {
  const rv = (o as { metadata?: { resourceVersion?: unknown } } | null)?.metadata?.resourceVersion;
  return typeof rv === 'string' && rv !== '' ? rv : typeof rv === 'number' ? String(rv) : undefined;
}

/** The route's object path, checked (namespace, known kind, name) before any store call. */
function pathParams(req: ApiRequest) {
  return objectPathOf(req.params);
}

export function configRoutes(d: WriteDeps): Route[] {
  const { core, validation, history } = d;
  const current = (kind: string, ns: string, name: string) => core.configStore.get(kind, ns, name);
  const describe = (s: StoredObject) => ({ object: s.object, resourceVersion: s.resourceVersion, validations: validation.of(s.object), ...(s.source ? { source: s.source } : {}) });

  return [
    {
      method: 'GET',
      path: '/api/istio/config',
      handler: (req) => {
        const namespaces = req.url.searchParams.get('namespaces')?.split(',').map((s) => s.trim()).filter(Boolean);
        // CONTRACT §3: an unknown namespace in a list request is a 404 with a message, never an empty 200.
        const unknown = namespaces?.filter((n) => !knownNamespaces(core).has(n)) ?? [];
        if (unknown.length > 0) throw notFound(`no namespace ${unknown.map((n) => JSON.stringify(n)).join(', ')} in the mesh config`);
        const kinds = req.url.searchParams.get('kinds')?.split(',').map((s) => s.trim()).filter(Boolean);
        const withValidations = req.url.searchParams.get('validate') !== 'false';
        const items = core.configStore
          .list({ ...(namespaces ? { namespaces } : {}), ...(kinds ? { kinds } : {}) })
          .filter((o) => groupOf(o.object.apiVersion).endsWith('istio.io'))
          .sort((a, b) => a.object.kind.localeCompare(b.object.kind) || (a.object.metadata.namespace ?? '').localeCompare(b.object.metadata.namespace ?? '') || a.object.metadata.name.localeCompare(b.object.metadata.name))
          .map((o) => (withValidations ? describe(o) : { object: o.object, resourceVersion: o.resourceVersion }));
        const messages = withValidations ? items.flatMap((i) => ('validations' in i ? i.validations : [])) : [];
        return {
          body: {
            items,
            counts: { objects: items.length, errors: messages.filter((m: Message) => m.level === 'Error').length, warnings: messages.filter((m: Message) => m.level === 'Warning').length },
            loadErrors: core.configStore.errors(),
          },
        };
      },
    },
    {
      method: 'GET',
      path: `${OBJECT_PATH}/:name`,
      handler: (req) => {
        const p = pathParams(req);
        const s = current(p.kind, p.ns, p.name ?? '');
        if (!s) throw new HttpError('not_found', `${p.kind} ${p.ns}/${p.name} not found`);
        return { body: { ...describe(s), yaml: toYaml(s.object) } };
      },
    },
    {
      method: 'POST',
      path: OBJECT_PATH,
      handler: async (req) => {
        const p = pathParams(req);
        const next = objectForPath(await readObjectBody(req, yamlLimitsOf(core)), p);
        const before = current(p.kind, p.ns, next.metadata.name);
        if (before) throw new HttpError('conflict', `${p.kind} ${p.ns}/${next.metadata.name} already exists; use PUT to replace it`);
        return applyChange(d, req, { action: 'create', key: { kind: p.kind, namespace: p.ns, name: next.metadata.name }, next });
      },
    },
    {
      method: 'PUT',
      path: `${OBJECT_PATH}/:name`,
      handler: async (req) => {
        const p = pathParams(req);
        const body = await readObjectBody(req, yamlLimitsOf(core));
        const next = objectForPath(body, p);
        const before = current(p.kind, p.ns, next.metadata.name);
        if (!before) throw new HttpError('not_found', `${p.kind} ${p.ns}/${next.metadata.name} not found; use POST to create it`);
        const expected = expectedVersionOf(body);
        if (expected !== undefined && expected !== before.resourceVersion) throw new HttpError('conflict', `${p.kind} ${p.ns}/${p.name} was changed by someone else (resourceVersion is ${before.resourceVersion}, yours ${expected}); reload and try again`);
        return applyChange(d, req, { action: 'replace', key: { kind: p.kind, namespace: p.ns, name: next.metadata.name }, before, next, ...(expected ? { expectedVersion: expected } : {}) });
      },
    },
    {
      method: 'PATCH',
      path: `${OBJECT_PATH}/:name`,
      handler: async (req) => {
        const p = pathParams(req);
        const before = current(p.kind, p.ns, p.name ?? '');
        if (!before) throw new HttpError('not_found', `${p.kind} ${p.ns}/${p.name} not found`);
        const patch = await readObjectBody(req, yamlLimitsOf(core));
        if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new HttpError('bad_request', 'a merge patch must be a JSON object');
        const expected = expectedVersionOf(patch);
        if (expected !== undefined && expected !== before.resourceVersion) throw new HttpError('conflict', `${p.kind} ${p.ns}/${p.name} was changed by someone else (resourceVersion is ${before.resourceVersion}, yours ${expected}); reload and try again`);
        const merged = mergePatch(before.object, patch) as Record<string, unknown>;
        const meta = (merged.metadata ?? {}) as Record<string, unknown>;
        delete meta.resourceVersion;
        const next = objectForPath(merged, p);
        return applyChange(d, req, { action: 'patch', key: { kind: p.kind, namespace: p.ns, name: p.name ?? '' }, before, next, expectedVersion: before.resourceVersion });
      },
    },
    {
      method: 'DELETE',
      path: `${OBJECT_PATH}/:name`,
      handler: async (req) => {
        const p = pathParams(req);
        const before = current(p.kind, p.ns, p.name ?? '');
        if (!before) throw new HttpError('not_found', `${p.kind} ${p.ns}/${p.name} not found`);
        const expected = req.url.searchParams.get('resourceVersion') ?? undefined;
        if (expected !== undefined && expected !== before.resourceVersion) throw new HttpError('conflict', `${p.kind} ${p.ns}/${p.name} was changed by someone else (resourceVersion is ${before.resourceVersion}, yours ${expected})`);
        return applyChange(d, req, { action: 'delete', key: { kind: p.kind, namespace: p.ns, name: p.name ?? '' }, before, ...(expected ? { expectedVersion: expected } : {}) });
      },
    },
    {
      method: 'GET',
      path: '/api/istio/history',
      handler: (req) => {
        const q = req.url.searchParams;
        const limit = Number(q.get('limit') ?? 100);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new HttpError('bad_request', 'limit must be an integer from 1 to 1000');
        const entries = history.list({ ...(q.get('namespace') ? { namespace: q.get('namespace') as string } : {}), ...(q.get('kind') ? { kind: q.get('kind') as string } : {}), ...(q.get('name') ? { name: q.get('name') as string } : {}), limit });
        return { body: { entries: entries.map(({ before: _b, after: _a, ...rest }) => rest) } };
      },
    },
    {
      method: 'GET',
      path: '/api/istio/history/:id',
      handler: (req) => {
        const e = entryOf(history, req.params.id);
        return { body: { entry: e, diff: unifiedDiff(e.before ? toYaml(e.before) : '', e.after ? toYaml(e.after) : '', 'before', 'after') } };
      },
    },
    {
      method: 'POST',
      path: '/api/istio/history/:id/rollback',
      handler: async (req) => {
        const e = entryOf(history, req.params.id);
        const mode = req.url.searchParams.get('mode') ?? 'undo';
        if (mode !== 'undo' && mode !== 'restore') throw new HttpError('bad_request', 'mode must be undo (restore the state before the entry) or restore (the state it wrote)');
        const target = mode === 'undo' ? e.before : e.after;
        const key = { kind: e.kind, name: e.name, ...(e.namespace ? { namespace: e.namespace } : {}) };
        const before = core.configStore.get(e.kind, e.namespace, e.name);
        if (!target) {
          if (!before) throw new HttpError('conflict', `${e.kind} ${e.namespace ?? ''}/${e.name} is already absent`);
          return applyChange(d, req, { action: 'rollback', key, before, rollbackOf: e.id, summary: `${mode} of #${e.id}` });
        }
        return applyChange(d, req, { action: 'rollback', key, ...(before ? { before } : {}), next: target, rollbackOf: e.id, summary: `${mode} of #${e.id}` });
      },
    },
  ];
}

function entryOf(history: ConfigHistory, id: string | undefined): HistoryEntry {
  const n = Number(id);
  const e = Number.isInteger(n) ? history.get(n) : undefined;
  if (!e) throw new HttpError('not_found', `no history entry ${JSON.stringify(id)}`);
  return e;
}
