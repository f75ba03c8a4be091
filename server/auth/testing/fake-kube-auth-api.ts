/**
 * TEST DOUBLE — a fake Kubernetes API server for authentication tests. Not used in production.
 *
 * Real HTTP on 127.0.0.1 answering what Meshlens's auth calls: `POST .../tokenreviews` (TokenReview: known tokens
 * authenticate as their user; optionally only for a reviewer token, as RBAC on `create tokenreviews` would insist)
 * and `POST .../selfsubjectaccessreviews` (evaluated against a small RBAC-like rule list for the caller, or for the
 * user named in `Impersonate-User` when the caller may impersonate them). Unknown bearer tokens get 401.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUser {
  username: string;
  groups?: string[];
}

/** One grant: `subject` is a username or `group:<name>`; omitted namespaces mean cluster-wide. */
export interface FakeRule {
  subject: string;
  verbs: string[];
  groups: string[];
  resources: string[];
  namespaces?: string[];
  names?: string[];
}

export interface SeenRequest {
  path: string;
  authorization?: string;
  impersonateUser?: string;
  body: unknown;
}

export class FakeKubeAuthApi {
  readonly tokens = new Map<string, FakeUser>();
  readonly rules: FakeRule[] = [];
  readonly seen: SeenRequest[] = [];
  /** When set, TokenReviews need this bearer token (Meshlens's own service account). */
  reviewerToken?: string;
  private server?: http.Server;

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  static async start(): Promise<FakeKubeAuthApi> {
    const api = new FakeKubeAuthApi();
    api.server = http.createServer((req, res) => void api.handle(req, res));
    await new Promise<void>((resolve) => api.server?.listen(0, '127.0.0.1', resolve));
    return api;
  }

  addUser(token: string, user: FakeUser, ...rules: Omit<FakeRule, 'subject'>[]): void {
    this.tokens.set(token, user);
    for (const r of rules) this.rules.push({ subject: user.username, ...r });
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private allowed(user: FakeUser, a: { verb?: string; group?: string; resource?: string; namespace?: string; name?: string }): boolean {
    const subjects = new Set([user.username, ...(user.groups ?? []).map((g) => `group:${g}`)]);
    return this.rules.some(
      (r) =>
        subjects.has(r.subject) &&
        (r.verbs.includes('*') || r.verbs.includes(a.verb ?? '')) &&
        (r.groups.includes('*') || r.groups.includes(a.group ?? '')) &&
        (r.resources.includes('*') || r.resources.includes(a.resource ?? '')) &&
        (!r.namespaces || (a.namespace !== undefined && r.namespaces.includes(a.namespace)) || (a.resource === 'namespaces' && a.name !== undefined && r.namespaces.includes(a.name))) &&
        (!r.names || (a.name !== undefined && r.names.includes(a.name))),
    );
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
    } catch {
      return status(res, 400, 'BadRequest', 'malformed JSON');
    }
    const path = (req.url ?? '').split('?')[0] ?? '';
    const authorization = req.headers.authorization;
    const impersonateUser = typeof req.headers['impersonate-user'] === 'string' ? req.headers['impersonate-user'] : undefined;
    this.seen.push({ path, body, ...(authorization ? { authorization } : {}), ...(impersonateUser ? { impersonateUser } : {}) });
    const bearer = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (req.method === 'POST' && path === '/apis/authentication.k8s.io/v1/tokenreviews') {
      if (this.reviewerToken !== undefined && bearer !== this.reviewerToken) return status(res, 401, 'Unauthorized', 'Unauthorized');
      const token = (body as { spec?: { token?: string } } | null)?.spec?.token ?? '';
      const user = this.tokens.get(token);
      return json(res, 201, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', status: user ? { authenticated: true, user: { username: user.username, groups: user.groups ?? [] } } : { authenticated: false, error: 'invalid bearer token' } });
    }
    if (req.method === 'POST' && path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews') {
      const caller = bearer ? this.tokens.get(bearer) : undefined;
      if (!caller) return status(res, 401, 'Unauthorized', 'Unauthorized');
      let subject = caller;
      if (impersonateUser) {
        if (!this.allowed(caller, { verb: 'impersonate', group: '', resource: 'users', name: impersonateUser })) {
          return status(res, 403, 'Forbidden', `users "${impersonateUser}" is forbidden: User "${caller.username}" cannot impersonate resource "users" in API group "" at the cluster scope`);
        }
        const g = req.headers['impersonate-group'];
        subject = { username: impersonateUser, groups: (Array.isArray(g) ? g : g ? [g] : []).flatMap((x) => x.split(',').map((s) => s.trim())) };
      }
      const attrs = (body as { spec?: { resourceAttributes?: Record<string, string> } } | null)?.spec?.resourceAttributes ?? {};
      const ok = this.allowed(subject, attrs);
      return json(res, 201, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: attrs }, status: ok ? { allowed: true, reason: 'RBAC: allowed by fake rule' } : { allowed: false } });
    }
    return status(res, 404, 'NotFound', `the server could not find the requested resource (${req.method} ${path})`);
  }
}

function json(res: http.ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function status(res: http.ServerResponse, code: number, reason: string, message: string): void {
  json(res, code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code });
}
