import type { Logger } from 'pino';
import type { K8sObject } from '../../../../lib/istio/types';
import { KubeApiError, type KubeClient, type WatchEvent } from './kube-client';
import { apiVersionOf, resourcePath, slimObject } from './kinds';
import type { ServedKind } from './discovery';

/** Where a reflector delivers what it sees; the store's index implements it. */
export interface ReflectorSink {
  /** The full current set of this reflector's objects, after a (re)list. */
  replaceAll(kind: string, namespace: string | undefined, objects: K8sObject[]): void;
  apply(type: 'added' | 'modified' | 'deleted', object: K8sObject): void;
  /** A problem with this source (undefined clears it). */
  setError(source: string, message: string | undefined): void;
}

export interface ReflectorTiming {
  /** First retry delay after a failure; doubles up to `backoffMaxMs`. */
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** Asks the server to end each watch after this long (up to twice it), so a silently dead connection is replaced. */
  watchTimeoutSeconds: number;
}

export const DEFAULT_TIMING: ReflectorTiming = { backoffInitialMs: 500, backoffMaxMs: 30_000, watchTimeoutSeconds: 300 };

/** Objects per list page, as client-go's informers ask for. */
const LIST_PAGE_SIZE = 500;

class GoneError extends Error {}

/**
 * Keeps one kind (in one namespace, or cluster-wide) mirrored: list, then watch from the list's resourceVersion.
 * A watch that ends is reopened from the last resourceVersion seen; `410 Gone` (history compacted) relists;
 * failures are reported to the sink and retried with exponential backoff until `stop()`.
 */
export class Reflector {
  private stopped = false;
  /** Cancels whatever request is in flight when the reflector stops. */
  private readonly cancel = new AbortController();
  private current?: { abort(): void };
  /** Consecutive failures, for the backoff; reset once a list or a watch succeeds. */
  private failures = 0;
  private wake?: () => void;
  private loop?: Promise<void>;
  readonly source: string;

  constructor(
    private readonly client: KubeClient,
    private readonly served: ServedKind,
    private readonly namespace: string | undefined,
    private readonly sink: ReflectorSink,
    private readonly log: Logger,
    private readonly timing: ReflectorTiming,
  ) {
    const { info, version } = served;
    this.source = `kubernetes:${apiVersionOf(info.group, version)}/${info.plural}${namespace && info.namespaced ? ` in namespace ${namespace}` : ''}`;
  }

  /** Starts the loop; resolves once the first list has succeeded or failed (failures keep retrying). */
  start(): Promise<void> {
    return new Promise((firstListSettled) => {
      this.loop = this.run(firstListSettled);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancel.abort();
    this.current?.abort();
    this.wake?.();
    await this.loop;
  }

  private async run(firstListSettled: () => void): Promise<void> {
    let rv: string | undefined;
    let goneStreak = 0;
    while (!this.stopped) {
      try {
        if (rv === undefined) {
          rv = await this.list();
          firstListSettled();
        }
        const started = Date.now();
        rv = await this.watchFrom(rv);
        goneStreak = 0;
        // A server that closes watches at once would otherwise be hammered in a tight loop.
        if (Date.now() - started < 1000) await this.sleep(this.timing.backoffInitialMs);
      } catch (err) {
        firstListSettled();
        if (this.stopped) break;
        if (err instanceof GoneError || (err instanceof KubeApiError && err.status === 410)) {
          this.log.info({ source: this.source }, 'watch history expired (410 Gone); relisting');
          rv = undefined;
          // Relist at once the first time; a server that keeps answering 410 gets the backoff too.
          if (++goneStreak > 1) await this.sleep(Math.min(this.timing.backoffMaxMs, this.timing.backoffInitialMs * goneStreak));
          continue;
        }
        if (err instanceof KubeApiError && err.reason === 'MalformedResponse') rv = undefined;
        const failures = ++this.failures;
        const message = describe(err);
        this.sink.setError(this.source, message);
        const delay = Math.min(this.timing.backoffMaxMs, this.timing.backoffInitialMs * 2 ** Math.min(failures - 1, 16));
        this.log.warn({ source: this.source, retryInMs: delay }, `Kubernetes list/watch failed: ${message}`);
        await this.sleep(delay);
      }
    }
  }

  /**
   * Lists the collection into the sink, in pages (a cluster's Pods do not fit one answer comfortably; each page is
   * cut down before the next is fetched); returns the list's resourceVersion to watch from. An expired continue
   * token is a 410, which relists from the start.
   */
  private async list(): Promise<string> {
    const { info, version } = this.served;
    const objects: K8sObject[] = [];
    let listRv: string | undefined;
    let next: string | undefined;
    do {
      const query = { fieldSelector: info.fieldSelector, limit: String(LIST_PAGE_SIZE), continue: next };
      const body = (await this.client.request({ method: 'GET', path: resourcePath(info, version, this.namespace), query, signal: this.cancel.signal })) as {
        metadata?: { resourceVersion?: string; continue?: string };
        items?: unknown[];
      } | null;
      const rv = body?.metadata?.resourceVersion;
      if (!body || !Array.isArray(body.items) || !rv) throw new KubeApiError(0, 'MalformedResponse', `the API server sent a list without items or resourceVersion for ${this.source}`);
      listRv ??= rv;
      for (const item of body.items) {
        const o = this.complete(item);
        if (o) objects.push(slimObject(o));
      }
      next = body.metadata?.continue || undefined;
    } while (next);
    this.sink.replaceAll(info.kind, info.namespaced ? this.namespace : undefined, objects);
    this.sink.setError(this.source, undefined);
    this.failures = 0;
    return listRv;
  }

  /** Watches until the stream ends; returns the last resourceVersion seen. Throws GoneError on 410. */
  private async watchFrom(rv: string): Promise<string> {
    const { info, version } = this.served;
    let last = rv;
    let gone: GoneError | undefined;
    let failed: KubeApiError | undefined;
    const onEvent = (e: WatchEvent): 'stop' | void => {
      if (e.type === 'ERROR') {
        const s = (e.object ?? {}) as { code?: number; reason?: string; message?: string };
        if (s.code === 410) gone = new GoneError(s.message ?? 'resourceVersion too old');
        else failed = new KubeApiError(s.code ?? 0, s.reason ?? 'WatchError', s.message ?? 'the watch failed');
        return 'stop';
      }
      if (e.type === 'BOOKMARK') {
        // Only moves the resourceVersion on (the object carries nothing but that).
        const rv = (e.object as { metadata?: { resourceVersion?: unknown } } | null)?.metadata?.resourceVersion;
        if (typeof rv === 'string' && rv) last = rv;
        return;
      }
      const o = this.complete(e.object);
      if (!o) return;
      if (o.metadata.resourceVersion) last = o.metadata.resourceVersion;
      if (e.type === 'ADDED') this.sink.apply('added', o);
      else if (e.type === 'MODIFIED') this.sink.apply('modified', o);
      else if (e.type === 'DELETED') this.sink.apply('deleted', o);
    };
    const handle = await this.client.watch(resourcePath(info, version, this.namespace), {
      resourceVersion: rv,
      allowWatchBookmarks: 'true',
      // Spread over [t, 2t), as client-go does, so the watches do not all reconnect at the same moment.
      timeoutSeconds: String(Math.floor(this.timing.watchTimeoutSeconds * (1 + Math.random()))),
      fieldSelector: info.fieldSelector,
    }, onEvent, this.cancel.signal);
    this.current = handle;
    // stop() may have run while the watch was being opened, when there was nothing to abort yet.
    if (this.stopped) handle.abort();
    this.sink.setError(this.source, undefined);
    this.failures = 0;
    try {
      await handle.done;
    } finally {
      this.current = undefined;
    }
    if (gone) throw gone;
    if (failed) throw failed;
    return last;
  }

  /** Items of a list may lack apiVersion and kind (built-in types); events carry them. Fill them in. */
  private complete(raw: unknown): K8sObject | undefined {
    const o = raw as Partial<K8sObject> | null;
    if (!o || typeof o !== 'object' || !o.metadata || typeof o.metadata.name !== 'string') return undefined;
    const { info, version } = this.served;
    return { ...o, apiVersion: apiVersionOf(info.group, version), kind: info.kind, metadata: o.metadata } as K8sObject;
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }
}

function describe(err: unknown): string {
  if (err instanceof KubeApiError) {
    if (err.status === 401) return `401 Unauthorized: the API server refused the credentials (${err.message})`;
    if (err.status === 403) return `403 Forbidden: ${err.message}`;
    if (err.status > 0) return `${err.status} ${err.reason}: ${err.message}`;
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
