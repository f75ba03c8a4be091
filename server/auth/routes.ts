import type { Logger } from 'pino';
import type { AuthStrategy } from '../config';
import { HttpError } from '../http/errors';
import type { ApiRequest, Route } from '../http/router';
import type { Authenticator } from './authenticator';
import type { Authorizer } from './authorizer';
import { principalOf } from './principal';
import type { RateLimiter } from './rate-limit';
import { overTls, sessionCookieHeader } from './session-cookie';
import type { Sessions } from './sessions';

export const AUTH_PREFIX = '/api/auth/';
const MAX_LOGIN_BODY = 32 * 1024;

export interface AuthRouteDeps {
  strategy: AuthStrategy;
  authenticator: Authenticator;
  authorizer: Authorizer;
  sessions: Sessions;
  loginLimiter: RateLimiter;
  log: Logger;
}

/** The client address rate limits count by (the socket's peer: headers are the client's to invent). */
export function clientOf(req: ApiRequest['raw']): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/** `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/auth/info`. */
export function authRoutes(d: AuthRouteDeps): Route[] {
  return [
    { method: 'POST', path: `${AUTH_PREFIX}login`, handler: (req) => login(d, req) },
    {
      method: 'POST',
      path: `${AUTH_PREFIX}logout`,
      handler: (req) => {
        const s = d.sessions.read(req.raw);
        if (s) {
          d.sessions.revoke(s);
          d.authorizer.forget(principalOf(req.raw));
          d.log.info({ user: s.sub }, 'signed out');
        }
        return { body: { signedOut: true }, headers: { 'set-cookie': sessionCookieHeader('', 0, overTls(req.raw)) } };
      },
    },
    {
      method: 'GET',
      path: `${AUTH_PREFIX}info`,
      handler: async (req) => {
        const p = principalOf(req.raw);
        const signedIn = p.kind === 'user' || d.strategy === 'anonymous';
        const write = signedIn ? await d.authorizer.canWrite(p) : { allowed: false, reason: 'not signed in' };
        return {
          body: {
            strategy: d.strategy,
            user: p.kind === 'user' ? { name: p.name, groups: p.groups } : null,
            ...(p.expiresAt ? { expiresAt: new Date(p.expiresAt).toISOString() } : {}),
            canWrite: write.allowed,
            ...(write.allowed ? {} : { writeReason: write.reason }),
            ...(d.strategy === 'token' ? { loginPath: '/login' } : {}),
          },
        };
      },
    },
  ];
}

async function login(d: AuthRouteDeps, req: ApiRequest) {
  if (d.strategy !== 'token') {
    throw new HttpError('bad_request', `signing in with a token is only used with --auth token; this server uses --auth ${d.strategy}`);
  }
  const client = clientOf(req.raw);
  // Counted before the body is read, so a guesser pays for every attempt, good or bad.
  const wait = d.loginLimiter.take(client);
  if (wait > 0) throw new HttpError('too_many_requests', `too many sign-in attempts; try again in ${wait} s`, undefined, { 'retry-after': String(wait) });
  const body = (await req.json(MAX_LOGIN_BODY)) as { token?: unknown } | null;
  const token = typeof body?.token === 'string' ? body.token.trim().replace(/^Bearer\s+/i, '') : '';
  if (!token) throw new HttpError('bad_request', 'body must be {"token": "<Kubernetes bearer token>"}');
  if (/\s/.test(token) || token.length > 16_384) throw new HttpError('bad_request', 'that does not look like a bearer token (no spaces, at most 16 KiB)');
  const user = await d.authenticator.review(token);
  if (!user) {
    d.log.info({ client }, 'sign-in refused');
    throw new HttpError('unauthorized', 'the Kubernetes API server did not accept this token (expired, revoked or for another cluster?)');
  }
  const issued = d.sessions.issue(user, token);
  if (!issued) throw new HttpError('bad_request', `this token is too long to keep in a browser cookie (${token.length} characters); use a shorter one, such as a service-account token from kubectl create token`);
  const { value, data } = issued;
  d.log.info({ user: user.username, client }, 'signed in');
  return {
    body: { user: { name: data.sub, groups: data.groups }, expiresAt: new Date(data.exp).toISOString() },
    headers: { 'set-cookie': sessionCookieHeader(value, d.sessions.ttlMs, overTls(req.raw)) },
  };
}
