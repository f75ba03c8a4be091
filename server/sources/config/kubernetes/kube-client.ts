import http from 'node:http';
import https from 'node:https';
import { createInterface } from 'node:readline';
import type { KubeConfig } from '@kubernetes/client-node';
import { callerCredentials } from '../../../auth/caller-context';

/**
 * A failed call to the API server. `status` is the HTTP status, or 0 when no answer came back (connection refused,
 * reset, timeout, unparsable body); `message` is the server's Status message where it sent one.
 */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export interface KubeRequest {
  method: 'GET' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  /** Cancels the request (and, for a watch, the stream). */
  signal?: AbortSignal;
}

export interface WatchEvent {
  type: string;
  object: unknown;
}

/** An open watch stream; `done` settles when it ends (server closed it, error, or `abort()`). */
export interface WatchHandle {
  abort(): void;
  done: Promise<void>;
}

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Raw JSON-over-HTTP access to the API server, with the cluster address, TLS and credentials (tokens, client certs,
 * exec plugins, in-cluster service account) taken from client-node's KubeConfig. Objects stay plain JSON: the typed
 * client's serializer turns timestamps into Dates and drops fields it does not model, which a generic mirror cannot use.
 */
export class KubeClient {
  readonly server: string;

  constructor(private readonly kc: KubeConfig) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster (check current-context)');
    this.server = cluster.server.replace(/\/+$/, '');
  }

  /** One request; resolves to the parsed JSON body of a 2xx answer, rejects with a KubeApiError otherwise. */
  async request(req: KubeRequest): Promise<unknown> {
    const res = await this.send(req, REQUEST_TIMEOUT_MS);
    const text = await readBody(res);
    const status = res.statusCode ?? 0;
    if (status < 200 || status > 299) throw errorFromResponse(status, text);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new KubeApiError(0, 'MalformedResponse', `the API server sent malformed JSON for ${req.method} ${req.path}`);
    }
  }

  /**
   * Opens `?watch=true` on a collection and calls `onEvent` per JSON line (returning 'stop' ends the stream). Rejects when the stream cannot be opened
   * (non-200 answer, unreachable); once open, problems end `done` with a rejection instead.
   */
  async watch(path: string, query: Record<string, string | undefined>, onEvent: (e: WatchEvent) => 'stop' | void, signal?: AbortSignal): Promise<WatchHandle> {
    // No overall timeout: a watch is long-lived by design; `timeoutSeconds` asks the server to end it periodically.
    const res = await this.send({ method: 'GET', path, query: { ...query, watch: 'true' }, signal }, 0);
    if (res.statusCode !== 200) {
      const status = res.statusCode ?? 0;
      throw errorFromResponse(status, await readBody(res));
    }
    const lines = createInterface({ input: res, crlfDelay: Infinity });
    let failure: Error | undefined;
    let stoppedByUs = false;
    const stop = () => {
      stoppedByUs = true;
      res.destroy();
    };
    // readline re-emits the stream's errors; they are handled through `res` below.
    lines.on('error', () => undefined);
    const done = new Promise<void>((resolve, reject) => {
      res.on('error', (err) => (failure ??= err));
      // 'close' always comes, after 'end' or a destroy; an incomplete body means the connection dropped.
      res.on('close', () => {
        lines.close();
        if (!failure && !res.complete && !stoppedByUs) failure = new KubeApiError(0, 'Unreachable', `lost the watch connection to ${this.server}`);
        if (failure && !stoppedByUs) reject(failure instanceof KubeApiError ? failure : new KubeApiError(0, 'Unreachable', `lost the watch connection to ${this.server}: ${failure.message}`));
        else resolve();
      });
    });
    lines.on('line', (line) => {
      if (!line.trim() || failure || stoppedByUs) return;
      let event: WatchEvent;
      try {
        event = JSON.parse(line) as WatchEvent;
      } catch {
        // A lost event would leave the index silently stale, so end the stream and let the caller relist.
        failure = new KubeApiError(0, 'MalformedResponse', 'the API server sent a malformed watch event');
        res.destroy();
        return;
      }
      if (onEvent(event) === 'stop') stop();
    });
    return { abort: stop, done };
  }

  private async send(req: KubeRequest, timeoutMs: number): Promise<http.IncomingMessage> {
    const url = new URL(this.server + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const opts: https.RequestOptions = { headers: { Accept: 'application/json' } };
    try {
      // Adds TLS material, an agent (http or https, per the cluster URL) and the Authorization header.
      await this.kc.applyToHTTPSOptions(opts);
    } catch (err) {
      // e.g. an exec credential plugin that failed, or a plain-http server without insecure-skip-tls-verify.
      throw new KubeApiError(0, 'BadConfig', `cannot use the kubeconfig for ${this.server}: ${(err as Error).message}`);
    }
    // JSON is valid YAML, so apply patches (application/apply-patch+yaml) are sent as JSON too.
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const headers: http.OutgoingHttpHeaders = { ...(opts.headers as http.OutgoingHttpHeaders) };
    if (body !== undefined) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    if (opts.auth) headers.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
    const transport = url.protocol === 'https:' ? https : http;
    const { headers: _h, auth: _a, ...tlsOptions } = opts;
    const tls: Record<string, unknown> = { ...tlsOptions };
    // Writes go out as the person who asked (token or header auth), so cluster RBAC decides — never as Meshlens.
    const caller = req.method !== 'GET' ? callerCredentials() : undefined;
    if (caller) {
      headers.Authorization = `Bearer ${caller.token}`;
      if (caller.impersonate) {
        headers['Impersonate-User'] = caller.impersonate.user;
        if (caller.impersonate.groups.length > 0) headers['Impersonate-Group'] = caller.impersonate.groups;
      }
      for (const k of ['cert', 'key', 'pfx', 'agent']) delete tls[k];
    }
    return new Promise((resolve, reject) => {
      const r = transport.request(url, { ...tls, method: req.method, headers, ...(req.signal ? { signal: req.signal } : {}) }, resolve);
      r.on('error', (err: NodeJS.ErrnoException) => reject(new KubeApiError(0, 'Unreachable', `cannot reach the Kubernetes API server at ${this.server}: ${err.code ?? err.message}`)));
      // Watches: notice a peer that vanished without closing the connection.
      if (timeoutMs === 0) r.on('socket', (s) => s.setKeepAlive(true, 30_000));
      if (timeoutMs > 0) r.setTimeout(timeoutMs, () => r.destroy(Object.assign(new Error('timed out'), { code: `no answer in ${timeoutMs / 1000}s` })));
      r.end(body);
    });
  }
}

function readBody(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', (err) => reject(new KubeApiError(0, 'Unreachable', `connection to the API server failed: ${err.message}`)));
  });
}

/** The API server answers errors with a `Status` object; fall back to the HTTP status text when it did not. */
function errorFromResponse(status: number, text: string): KubeApiError {
  let reason = http.STATUS_CODES[status] ?? 'Error';
  let message = `${status} ${reason}`;
  try {
    const s = JSON.parse(text) as { kind?: string; reason?: string; message?: string };
    if (s && s.kind === 'Status') {
      if (s.reason) reason = s.reason;
      if (s.message) message = s.message;
    }
  } catch {
    // not JSON: keep the status line
  }
  return new KubeApiError(status, reason, message);
}
