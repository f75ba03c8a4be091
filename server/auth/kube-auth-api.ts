import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { AccessAttributes, AccessDecision } from './types';

/** Why a call to the API server failed: `status` 0 means no usable answer (unreachable, timeout, garbage). */
export class KubeAuthError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The identity the API server found behind a token. */
export interface ReviewedUser {
  username: string;
  groups: string[];
}

/** Credentials for one call: a bearer token, optionally acting as another user (header mode). */
export interface CallerCredentials {
  token: string;
  impersonate?: { user: string; groups: string[] };
}

interface TlsMaterial {
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  rejectUnauthorized?: boolean;
  servername?: string;
}

const TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * TokenReview and SelfSubjectAccessReview over HTTP(S). TokenReview goes with Meshlens's own credentials (it needs
 * `create tokenreviews`); access reviews go with the *user's* token only — never Meshlens's client certificate,
 * which the API server would otherwise take as the caller — so cluster RBAC answers for that user.
 */
export class KubeAuthApi {
  constructor(
    readonly server: string,
    private readonly kc: KubeConfig | undefined,
  ) {}

  async tokenReview(token: string): Promise<ReviewedUser | undefined> {
    const own = await this.ownTls();
    const answer = (await this.post('/apis/authentication.k8s.io/v1/tokenreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } }, own.tls, own.headers)) as {
      status?: { authenticated?: boolean; user?: { username?: string; groups?: string[] } };
    };
    const s = answer.status;
    if (!s?.authenticated || !s.user?.username) return undefined;
    return { username: s.user.username, groups: (s.user.groups ?? []).filter((g) => typeof g === 'string') };
  }

  async accessReview(who: CallerCredentials, a: AccessAttributes): Promise<AccessDecision> {
    const own = await this.ownTls();
    const tls: TlsMaterial = { ...(own.tls.ca ? { ca: own.tls.ca } : {}), ...(own.tls.rejectUnauthorized !== undefined ? { rejectUnauthorized: own.tls.rejectUnauthorized } : {}), ...(own.tls.servername ? { servername: own.tls.servername } : {}) };
    const headers: Record<string, string | string[]> = { Authorization: `Bearer ${who.token}` };
    if (who.impersonate) {
      headers['Impersonate-User'] = who.impersonate.user;
      if (who.impersonate.groups.length) headers['Impersonate-Group'] = who.impersonate.groups;
    }
    const resourceAttributes = { verb: a.verb, group: a.group, resource: a.resource, ...(a.namespace ? { namespace: a.namespace } : {}), ...(a.name ? { name: a.name } : {}) };
    const answer = (await this.post('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes } }, tls, headers)) as {
      status?: { allowed?: boolean; reason?: string; evaluationError?: string };
    };
    return { allowed: answer.status?.allowed === true, reason: answer.status?.reason || answer.status?.evaluationError || '' };
  }

  /** Meshlens's own TLS material and Authorization header, fresh per call (exec plugins rotate tokens). */
  private async ownTls(): Promise<{ tls: TlsMaterial; headers: Record<string, string> }> {
    if (!this.kc) return { tls: {}, headers: {} };
    const opts: https.RequestOptions = {};
    try {
      await this.kc.applyToHTTPSOptions(opts);
    } catch (err) {
      throw new KubeAuthError(0, `cannot use the kubeconfig for ${this.server}: ${(err as Error).message}`);
    }
    const h = (opts.headers ?? {}) as Record<string, string>;
    const headers: Record<string, string> = {};
    if (typeof h.Authorization === 'string') headers.Authorization = h.Authorization;
    if (opts.auth) headers.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
    const tls: TlsMaterial = {};
    if (opts.ca) tls.ca = opts.ca as string | Buffer;
    if (opts.cert) tls.cert = opts.cert as string | Buffer;
    if (opts.key) tls.key = opts.key as string | Buffer;
    if (opts.rejectUnauthorized !== undefined) tls.rejectUnauthorized = opts.rejectUnauthorized;
    if (opts.servername) tls.servername = opts.servername;
    return { tls, headers };
  }

  private post(path: string, body: unknown, tls: TlsMaterial, headers: Record<string, string | string[]>): Promise<unknown> {
    const url = new URL(this.server + path);
    const payload = JSON.stringify(body);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(
        url,
        { method: 'POST', ...(url.protocol === 'https:' ? tls : {}), headers: { ...headers, Accept: 'application/json', 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_ANSWER_BYTES) res.destroy(new Error('answer too large'));
            else chunks.push(c);
          });
          res.on('error', (err) => reject(new KubeAuthError(0, `the Kubernetes API server's answer broke off: ${err.message}`)));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const text = Buffer.concat(chunks).toString('utf8');
            if (status < 200 || status > 299) return reject(new KubeAuthError(status, `${path.split('/').pop() ?? 'review'}: ${statusMessage(status, text)}`));
            try {
              resolve(JSON.parse(text) as unknown);
            } catch {
              reject(new KubeAuthError(0, 'the Kubernetes API server sent malformed JSON'));
            }
          });
        },
      );
      req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`no answer in ${TIMEOUT_MS / 1000}s`)));
      req.on('error', (err: NodeJS.ErrnoException) => reject(new KubeAuthError(0, `cannot reach the Kubernetes API server at ${this.server}: ${err.code ?? err.message}`)));
      req.end(payload);
    });
  }
}

/** The API server's Status message, or the HTTP status line. */
function statusMessage(status: number, text: string): string {
  try {
    const s = JSON.parse(text) as { kind?: string; message?: string };
    if (s.kind === 'Status' && s.message) return `${status} ${s.message}`;
  } catch {
    // not JSON
  }
  return `${status} ${http.STATUS_CODES[status] ?? 'Error'}`;
}
