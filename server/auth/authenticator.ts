import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AuthStrategy } from '../config';
import { HttpError } from '../http/errors';
import { KubeAuthError, type KubeAuthApi, type ReviewedUser } from './kube-auth-api';
import type { Sessions } from './sessions';
import { TtlCache } from './ttl-cache';
import { ANONYMOUS, type AccessDecision, type Principal } from './types';

const REVIEW_CACHE_MS = 60_000;

/**
 * Finds who is calling: nobody in particular (`anonymous`), the signed-in user of the session cookie (`token`), or
 * the bearer token an authenticating proxy passed on, optionally impersonating a user (`header`).
 * Returns undefined when the request carries no credentials at all; throws 401/403/503 HttpErrors for bad ones.
 */
export class Authenticator {
  private readonly tokenReviews: TtlCache<ReviewedUser | null>;
  private readonly impersonation: TtlCache<AccessDecision>;

  constructor(
    readonly strategy: AuthStrategy,
    private readonly sessions: Sessions,
    private readonly api: KubeAuthApi | undefined,
    now: () => number,
  ) {
    this.tokenReviews = new TtlCache(REVIEW_CACHE_MS, now);
    this.impersonation = new TtlCache(REVIEW_CACHE_MS, now);
  }

  async authenticate(req: IncomingMessage): Promise<Principal | undefined> {
    if (this.strategy === 'anonymous') return ANONYMOUS;
    if (this.strategy === 'token') {
      const s = this.sessions.read(req);
      if (!s) return undefined;
      const reviewed = await this.stillValid(s.token);
      // Groups come from the (cached) review when there is one: a cookie may have had to leave them out for size.
      return { kind: 'user', name: s.sub, groups: reviewed?.groups ?? s.groups, token: s.token, expiresAt: s.exp, sessionId: s.sid };
    }
    return this.fromProxy(req);
  }

  /** TokenReview of a token someone offers (sign-in, or a proxy's bearer); undefined when the cluster refuses it. */
  async review(token: string): Promise<ReviewedUser | undefined> {
    if (!this.api) throw new HttpError('unavailable', 'no Kubernetes API server is configured to check tokens');
    const api = this.api;
    try {
      const key = createHash('sha256').update(token).digest('base64url');
      return (await this.tokenReviews.through(key, async () => (await api.tokenReview(token)) ?? null)) ?? undefined;
    } catch (err) {
      throw kubeErrorToHttp(err, 'check the token');
    }
  }

  /**
   * A revoked or expired token ends its session within a minute (the review is cached that long), not only at the
   * cookie's expiry. When the API server cannot be asked, the sealed session is trusted meanwhile: reading a
   * dashboard should not stop with every API server hiccup, and every write is checked with the API server anyway.
   */
  private async stillValid(token: string): Promise<ReviewedUser | undefined> {
    let user: ReviewedUser | undefined;
    try {
      user = await this.review(token);
    } catch {
      return undefined;
    }
    if (!user) throw new HttpError('unauthorized', 'the Kubernetes API server no longer accepts your token; sign in again');
    return user;
  }

  private async fromProxy(req: IncomingMessage): Promise<Principal | undefined> {
    const auth = req.headers.authorization;
    if (!auth) return undefined;
    const m = /^Bearer\s+(\S{1,16384})$/i.exec(auth);
    if (!m?.[1]) throw new HttpError('unauthorized', 'the Authorization header must be "Bearer <token>" (--auth header)');
    const token = m[1];
    const user = await this.review(token);
    if (!user) throw new HttpError('unauthorized', 'the bearer token was not accepted by the Kubernetes API server');
    const asUser = headerList(req.headers['impersonate-user'])[0];
    if (!asUser) return { kind: 'user', name: user.username, groups: user.groups, token };
    const asGroups = headerList(req.headers['impersonate-group']);
    // The proxy's own token must be allowed to act as that user and those groups, exactly as the API server would insist.
    for (const [resource, name] of [['users', asUser] as const, ...asGroups.map((g) => ['groups', g] as const)]) {
      const d = await this.canImpersonate(token, resource, name);
      if (!d.allowed) throw new HttpError('forbidden', `${user.username} may not impersonate ${resource === 'users' ? 'user' : 'group'} ${name}${d.reason ? ` (${d.reason})` : ''}`);
    }
    return { kind: 'user', name: asUser, groups: asGroups, token, impersonate: { user: asUser, groups: asGroups } };
  }

  private canImpersonate(token: string, resource: 'users' | 'groups', name: string): Promise<AccessDecision> {
    const api = this.api as KubeAuthApi;
    const key = `${createHash('sha256').update(token).digest('base64url')}|${resource}|${name}`;
    return this.impersonation.through(key, () => api.accessReview({ token }, { verb: 'impersonate', group: '', resource, name })).catch((err: unknown) => {
      throw kubeErrorToHttp(err, 'check impersonation');
    });
  }
}

function headerList(v: string | string[] | undefined): string[] {
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}

/** API server trouble as an HTTP answer: a token it no longer takes is 401; anything else means we cannot decide (503). */
export function kubeErrorToHttp(err: unknown, doing: string): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof KubeAuthError) {
    if (err.status === 401) return new HttpError('unauthorized', 'the Kubernetes API server no longer accepts your token; sign in again');
    return new HttpError('unavailable', `cannot ${doing}: ${err.message}`, undefined, { 'retry-after': '5' });
  }
  return new HttpError('unavailable', `cannot ${doing}: ${(err as Error).message}`);
}
