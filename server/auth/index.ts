import type { Logger } from 'pino';
import type { AuthConfig, Config } from '../config';
import type { Core } from '../core';
import type { AuthHook } from '../http/auth-hook';
import type { Route } from '../http/router';
import { Authenticator } from './authenticator';
import { Authorizer } from './authorizer';
import { createGuard, type GuardDeps } from './guard';
import type { KubeAuthApi } from './kube-auth-api';
import { kubeAuthApiFor } from './kube-target';
import { RateLimiter, type RateLimit } from './rate-limit';
import { authRoutes } from './routes';
import { loadOrCreateSessionKey } from './session-key';
import { Sessions } from './sessions';
import type { AccessAttributes, AccessDecision, Principal } from './types';

export { callerCredentials, currentPrincipal } from './caller-context';
export type { CallerCredentials } from './kube-auth-api';
export { historyName, principalOf } from './principal';
export type { AccessAttributes, AccessDecision, Principal } from './types';

export interface AuthOptions {
  config: Config;
  log: Logger;
  now?: () => number;
  /** Per-client limits (tests tighten them). */
  limits?: { login?: RateLimit; ingest?: RateLimit };
}

export interface Auth {
  /** Pass to createHttpServer({ auth: auth.hook }). */
  hook: AuthHook;
  /** Mount with router.add(...auth.routes). */
  routes: Route[];
  /** Once core exists: history (rollback targets) and the namespaces Meshlens knows. */
  attach(core: Core): void;
  /** For features: may this person make this change? (the HTTP hook already enforces config writes) */
  canWrite(p: Principal, a?: AccessAttributes): Promise<AccessDecision>;
  /** For features: the namespaces in `all` this person may see. */
  visibleNamespaces(p: Principal, all: readonly string[]): Promise<string[]>;
}

/** Five sign-in attempts at once, then one every 12 s per client address. */
export const LOGIN_LIMIT: RateLimit = { burst: 5, perSecond: 1 / 12 };
/** Generous: a busy mesh's collectors batch spans, so hundreds of requests a second from one address is abuse. */
export const INGEST_LIMIT: RateLimit = { burst: 1000, perSecond: 200 };

const DEFAULT_AUTH: AuthConfig = { strategy: 'anonymous', anonymousWrites: true, viewOnly: false, editors: [], sessionTtlMs: 8 * 3_600_000, sessionKeyFile: '' };

/**
 * Authentication and authorization for one server. Throws a ConfigError (exit 2) for set-ups that cannot work:
 * token/header mode without a Kubernetes API server, an unreadable or malformed session key.
 */
export async function createAuth(o: AuthOptions): Promise<Auth> {
  const now = o.now ?? (() => Date.now());
  const cfg = o.config.auth ?? DEFAULT_AUTH;
  const api: KubeAuthApi | undefined = cfg.strategy === 'anonymous' ? undefined : kubeAuthApiFor(o.config);
  // Only sign-ins need the key; creating it is what makes a fresh data dir safe (there is no default to fall back on).
  const { key, created } = cfg.strategy === 'token' ? await loadOrCreateSessionKey(cfg.sessionKeyFile) : { key: Buffer.alloc(32), created: false };
  const sessions = new Sessions(key, cfg.sessionTtlMs, now);
  const authenticator = new Authenticator(cfg.strategy, sessions, api, now);
  const authorizer = new Authorizer(cfg, api, now);
  const context: GuardDeps['context'] = { knownNamespaces: () => [] };
  const hook = createGuard({
    strategy: cfg.strategy,
    authenticator,
    authorizer,
    sessions,
    ingestLimiter: new RateLimiter(o.limits?.ingest ?? INGEST_LIMIT, now),
    dev: o.config.dev,
    context,
  });
  const routes = authRoutes({ strategy: cfg.strategy, authenticator, authorizer, sessions, loginLimiter: new RateLimiter(o.limits?.login ?? LOGIN_LIMIT, now), log: o.log });
  o.log.info(
    { strategy: cfg.strategy, kubeApi: api?.server, viewOnly: cfg.viewOnly, editors: cfg.editors.length, anonymousWrites: cfg.strategy === 'anonymous' ? cfg.anonymousWrites : undefined, ...(created ? { sessionKeyCreated: cfg.sessionKeyFile } : {}) },
    `authentication: ${cfg.strategy}`,
  );
  return {
    hook,
    routes,
    attach(core) {
      if (core.history) context.history = core.history;
      context.knownNamespaces = () => core.configStore.namespaces();
    },
    canWrite: (p, a) => authorizer.canWrite(p, a),
    visibleNamespaces: (p, all) => authorizer.visibleNamespaces(p, all),
  };
}
