import { createHash } from 'node:crypto';
import type { AuthConfig } from '../config';
import type { KubeAuthApi } from './kube-auth-api';
import { TtlCache } from './ttl-cache';
import { describeAccess, type AccessAttributes, type AccessDecision, type Principal } from './types';

const CACHE_MS = 30_000;

/** The cache key of a caller: a hash of the token (never the token itself) plus whom it acts as. */
export function callerKey(p: Principal): string {
  const t = p.token ? createHash('sha256').update(p.token).digest('base64url').slice(0, 32) : 'none';
  return `${t}|${p.impersonate ? `${p.impersonate.user}|${p.impersonate.groups.join(',')}` : ''}|`;
}

/**
 * Who may see and change what. With a Kubernetes token (token and header modes) cluster RBAC answers through
 * SelfSubjectAccessReviews sent with the user's own token; `--view-only`, `--editors` and the anonymous rule apply
 * on top. Answers are cached per caller for 30 s, so a page full of requests costs a handful of reviews.
 */
export class Authorizer {
  private readonly reviews: TtlCache<AccessDecision>;

  constructor(
    private readonly config: Pick<AuthConfig, 'viewOnly' | 'editors' | 'anonymousWrites'>,
    private readonly api: KubeAuthApi | undefined,
    now: () => number,
  ) {
    this.reviews = new TtlCache(CACHE_MS, now);
  }

  /**
   * Whether `p` may make this change; `reason` is what a 403 says. Without `a`, only Meshlens's own rules are asked
   * (view-only, anonymous, editors): "could this person write at all?".
   */
  async canWrite(p: Principal, a?: AccessAttributes): Promise<AccessDecision> {
    if (this.config.viewOnly) return { allowed: false, reason: 'Meshlens runs view-only (--view-only): no changes are accepted' };
    if (p.kind === 'anonymous') {
      return this.config.anonymousWrites
        ? { allowed: true, reason: 'anonymous writes are allowed' }
        : { allowed: false, reason: 'anonymous users cannot change config here: sign in, or start Meshlens with --allow-anonymous-writes' };
    }
    if (this.config.editors.length > 0 && !this.isEditor(p)) {
      return { allowed: false, reason: `${p.name} is not in the editors list (--editors / MESHLENS_EDITORS)` };
    }
    if (!a || !p.token || !this.api) return { allowed: true, reason: 'no cluster RBAC to consult' };
    const d = await this.review(p, a);
    if (d.allowed) return d;
    return { allowed: false, reason: `Kubernetes RBAC does not allow ${p.name} to ${describeAccess(a)}${d.reason ? ` (${d.reason})` : ''}` };
  }

  /** Whether `p` may see namespace `ns`: cluster-wide `list namespaces`, else `get` that namespace or `list pods` in it. */
  async canSee(p: Principal, ns: string): Promise<boolean> {
    if (!p.token || !this.api) return true;
    if ((await this.review(p, { verb: 'list', group: '', resource: 'namespaces' })).allowed) return true;
    if ((await this.review(p, { verb: 'get', group: '', resource: 'namespaces', name: ns })).allowed) return true;
    return (await this.review(p, { verb: 'list', group: '', resource: 'pods', namespace: ns })).allowed;
  }

  /** The names in `all` that `p` may see, in order. */
  async visibleNamespaces(p: Principal, all: readonly string[]): Promise<string[]> {
    const seen = await Promise.all(all.map((ns) => this.canSee(p, ns)));
    return all.filter((_, i) => seen[i]);
  }

  /** Drops a caller's cached answers (on sign-out). */
  forget(p: Principal): void {
    this.reviews.forget(callerKey(p));
  }

  private isEditor(p: Principal): boolean {
    return this.config.editors.some((e) => e === p.name || (e.startsWith('group:') && p.groups.includes(e.slice(6))));
  }

  private review(p: Principal, a: AccessAttributes): Promise<AccessDecision> {
    const api = this.api as KubeAuthApi;
    const key = `${callerKey(p)}${a.verb}|${a.group}|${a.resource}|${a.namespace ?? ''}|${a.name ?? ''}`;
    return this.reviews.through(key, () => api.accessReview({ token: p.token as string, ...(p.impersonate ? { impersonate: p.impersonate } : {}) }, a));
  }
}
