import type { AuthStrategy } from '../config';
import type { AnswerFilter, AuthHook } from '../http/auth-hook';
import { HttpError } from '../http/errors';
import type { Match } from '../http/router';
import type { ConfigHistory } from '../stores/history/journal';
import { kubeErrorToHttp, type Authenticator } from './authenticator';
import type { Authorizer } from './authorizer';
import { runAs } from './caller-context';
import { historyName, principalOf, setPrincipal } from './principal';
import type { RateLimiter } from './rate-limit';
import { AUTH_PREFIX, clientOf } from './routes';
import type { Sessions } from './sessions';
import { ANONYMOUS, type Principal } from './types';
import { applyVisibility } from './visibility';
import { writeTargets } from './write-target';

/** Machine clients (Envoy, OpenTelemetry SDKs) post spans without a person behind them: rate-limited, not signed in. */
const INGEST = new Set(['/api/v2/spans', '/v1/traces']);
/** Open to anyone: liveness probes and Prometheus scrapes. */
const PUBLIC = new Set(['/api/health', '/metrics']);
/** POSTs that change nothing. */
const READ_ONLY_POSTS = new Set(['/api/istio/validate']);
/** Pages reachable without a session (the sign-in page and the assets every page loads). */
const PUBLIC_PAGE = /^\/(login(\/|$)|_next\/|__nextjs|favicon)|\.[a-z0-9]{2,5}$/i;

export interface GuardDeps {
  strategy: AuthStrategy;
  authenticator: Authenticator;
  authorizer: Authorizer;
  sessions: Sessions;
  ingestLimiter: RateLimiter;
  dev: boolean;
  /** Filled in by `attach(core)` once the config history and store exist. */
  context: { history?: ConfigHistory; knownNamespaces: () => string[] };
}

/** The HTTP hook: authenticate, authorize writes, hide namespaces; everything else stays in the features. */
export function createGuard(d: GuardDeps): AuthHook {
  const canSee = (p: Principal, ns: string) => d.authorizer.canSee(p, ns).catch((err: unknown) => Promise.reject(kubeErrorToHttp(err, 'check namespace access')));
  return {
    dev: d.dev,
    within: (req, handler) => runAs(principalOf(req), handler),
    async api(req, match, url): Promise<AnswerFilter | undefined> {
      const route = match.route.path;
      // Nobody may choose the name the history records; it is set below from the authenticated principal.
      delete req.headers['x-meshlens-user'];
      if (INGEST.has(route)) {
        const wait = d.ingestLimiter.take(clientOf(req));
        if (wait > 0) throw new HttpError('too_many_requests', `too many span requests from this client; retry in ${wait} s`, undefined, { 'retry-after': String(wait) });
        return undefined;
      }
      if (PUBLIC.has(route)) return undefined;
      if (route.startsWith(AUTH_PREFIX)) {
        // Sign-in and info must work for people who are not signed in (or whose token just stopped working).
        setPrincipal(req, (await d.authenticator.authenticate(req).catch(() => undefined)) ?? ANONYMOUS);
        return undefined;
      }
      const p = await d.authenticator.authenticate(req);
      if (!p) throw unauthenticated(d.strategy);
      setPrincipal(req, p);
      req.headers['x-meshlens-user'] = historyName(p);
      if (req.method !== 'GET' && req.method !== 'HEAD' && !READ_ONLY_POSTS.has(route)) await authorizeWrite(d, p, match, url);
      return applyVisibility(p, route, match.params, url, canSee, d.context);
    },
    async page(req, res, url) {
      if (d.strategy !== 'token' || (req.method !== 'GET' && req.method !== 'HEAD') || PUBLIC_PAGE.test(url.pathname)) return false;
      if (d.sessions.read(req)) return false;
      if (req.headers.rsc !== undefined || url.searchParams.has('_rsc')) {
        // Next's client fetches (link prefetches, soft navigations): an empty non-RSC answer makes it drop the prefetch
        // or fall back to a full page load, which the redirect below then catches. A redirect here would be followed
        // by fetch and fail noisily.
        res.writeHead(204, { 'cache-control': 'no-store', vary: 'rsc' });
        res.end();
        return true;
      }
      const back = url.pathname + url.search;
      res.writeHead(302, { location: back === '/' ? '/login' : `/login?next=${encodeURIComponent(back)}`, 'cache-control': 'no-store' });
      res.end();
      return true;
    },
  };
}

async function authorizeWrite(d: GuardDeps, p: Principal, match: Match, url: URL): Promise<void> {
  const targets = writeTargets(match.route.method, match.route.path, match.params, url, d.context.history) ?? [undefined];
  for (const t of targets) {
    let decision;
    try {
      decision = await d.authorizer.canWrite(p, t);
    } catch (err) {
      throw kubeErrorToHttp(err, 'check your permissions');
    }
    if (!decision.allowed) throw new HttpError('forbidden', decision.reason);
  }
}

function unauthenticated(strategy: AuthStrategy): HttpError {
  return strategy === 'header'
    ? new HttpError('unauthorized', 'no credentials: this Meshlens runs behind an authenticating proxy (--auth header) that must send Authorization: Bearer')
    : new HttpError('unauthorized', 'sign in first: open /login, or POST /api/auth/login with {"token": "<Kubernetes token>"}');
}
