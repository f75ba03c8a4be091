/**
 * TEST DOUBLE: the open watch streams of FakeKubeApi (fake-kube-api.ts): replay from a resourceVersion, 410 once
 * history is compacted, live events, bookmarks and the hooks tests use to end or break streams. Not production code.
 */
import type http from 'node:http';
import { FakeApiError, type FakeObjectStore, type FakeResource, type StoredEvent } from './fake-kube-api-data';

export interface Watcher {
  resource: FakeResource;
  /** The apiVersion the watch was opened at; objects are shown at it. */
  version: string;
  namespace?: string;
  name?: string;
  bookmarks: boolean;
  res: http.ServerResponse;
}

export class FakeWatches {
  private watchers = new Set<Watcher>();

  constructor(private readonly store: FakeObjectStore) {}

  count(): number {
    return this.watchers.size;
  }

  /** Ends every stream cleanly, as an API server does on its watch timeout. */
  endAll(): void {
    for (const w of this.watchers) w.res.end();
    this.watchers.clear();
  }

  /** Drops the bookkeeping (the server is going away and its sockets with it). */
  forget(): void {
    this.watchers.clear();
  }

  sendBookmarks(): void {
    const object = { kind: 'Bookmark', metadata: { resourceVersion: String(this.store.rv) } };
    for (const w of this.watchers) if (w.bookmarks) w.res.write(`${JSON.stringify({ type: 'BOOKMARK', object: { ...object, apiVersion: w.version } })}\n`);
  }

  writeRaw(line: string): void {
    for (const w of this.watchers) w.res.write(`${line}\n`);
  }

  open(res: http.ServerResponse, w: Watcher, query: Record<string, string>, goneAsHttpStatus: boolean): undefined {
    const from = query.resourceVersion;
    const expired = from !== undefined && from !== '0' && Number(from) < this.store.compactedBefore;
    const tooOld = `too old resource version: ${from} (${this.store.compactedBefore})`;
    if (expired && goneAsHttpStatus) throw new FakeApiError(410, 'Expired', tooOld);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    // Like the real API server: headers go out at once, before any event.
    res.flushHeaders();
    const matches = (e: Pick<StoredEvent, 'resource' | 'object'>) => e.resource.plural === w.resource.plural && e.resource.group === w.resource.group
      && (w.namespace === undefined || e.object.metadata.namespace === w.namespace) && (!w.name || e.object.metadata.name === w.name);
    const line = (type: string, object: unknown) => res.write(`${JSON.stringify({ type, object })}\n`);
    if (from === undefined || from === '0') {
      for (const o of this.store.list(w.resource, w.namespace)) if (matches({ resource: w.resource, object: o })) line('ADDED', { ...o, apiVersion: w.version });
    } else if (expired) {
      // The real API server answers 200 and then an ERROR event carrying the 410 Status.
      line('ERROR', { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 410, reason: 'Expired', message: tooOld });
      res.end();
      return undefined;
    } else {
      for (const e of this.store.events) if (e.rv > Number(from) && matches(e)) line(e.type, { ...e.object, apiVersion: w.version });
    }
    this.watchers.add(w);
    const timeout = Number(query.timeoutSeconds ?? 0);
    const timer = timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
    res.on('close', () => {
      clearTimeout(timer);
      this.watchers.delete(w);
    });
    return undefined;
  }

  broadcast(e: StoredEvent): void {
    for (const w of this.watchers) {
      const sameResource = e.resource.plural === w.resource.plural && e.resource.group === w.resource.group;
      if (!sameResource || (w.namespace !== undefined && e.object.metadata.namespace !== w.namespace) || (w.name && e.object.metadata.name !== w.name)) continue;
      w.res.write(`${JSON.stringify({ type: e.type, object: { ...e.object, apiVersion: w.version } })}\n`);
    }
  }
}
