/** Who is calling. `token` is the user's Kubernetes bearer token (token and header modes), never logged. */
export interface Principal {
  kind: 'anonymous' | 'user';
  name: string;
  groups: string[];
  token?: string;
  /** Header mode: the proxy asked to act as this user/groups (sent on as Impersonate-* headers). */
  impersonate?: { user: string; groups: string[] };
  /** Session expiry (ms since epoch), for token-mode sign-ins. */
  expiresAt?: number;
  /** Session id (token mode), so sign-out can revoke the cookie before it expires. */
  sessionId?: string;
}

export const ANONYMOUS: Principal = Object.freeze({ kind: 'anonymous', name: 'anonymous', groups: [] }) as Principal;

/** One SelfSubjectAccessReview question: may this principal `verb` this resource? */
export interface AccessAttributes {
  verb: string;
  /** API group; '' for the core group. */
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

/** The answer, with the reason shown to the user on a 403. */
export interface AccessDecision {
  allowed: boolean;
  reason: string;
}

/** A label for messages: `update virtualservices.networking.istio.io "reviews" in bookinfo`. */
export function describeAccess(a: AccessAttributes): string {
  const res = a.group ? `${a.resource}.${a.group}` : a.resource;
  return `${a.verb} ${res}${a.name ? ` "${a.name}"` : ''}${a.namespace ? ` in namespace ${a.namespace}` : ' cluster-wide'}`;
}
