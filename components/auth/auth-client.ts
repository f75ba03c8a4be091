import { z } from 'zod';
import { isApiErrorBody } from '@/lib/api/errors';
import { ApiError } from '@/components/data/api-client';

/** `GET /api/auth/info`. */
export const authInfoSchema = z.object({
  strategy: z.enum(['anonymous', 'token', 'header']),
  user: z.object({ name: z.string(), groups: z.array(z.string()) }).nullable(),
  expiresAt: z.string().optional(),
  canWrite: z.boolean(),
  writeReason: z.string().optional(),
  loginPath: z.string().optional(),
});
export type AuthInfo = z.infer<typeof authInfoSchema>;

export const AUTH_INFO_KEY = ['auth', 'info'] as const;

/**
 * Where to go after signing in: only a path on this site (`/graph?x=1`), never another origin (`//evil`, `https:`),
 * so the sign-in page cannot be used to bounce people elsewhere.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return '/';
  return next;
}

/** The sign-in page, coming back to `here` afterwards. */
export function loginHref(here: string): string {
  const back = safeNext(here);
  return back === '/' ? '/login' : `/login?next=${encodeURIComponent(back)}`;
}

/** An API call refused because nobody is signed in (or the session expired): time to go to the sign-in page. */
export function isSignedOut(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}

/** Sends the browser to the sign-in page when `err` says the session is gone; returns whether it did. */
export function redirectIfSignedOut(err: unknown): boolean {
  if (!isSignedOut(err) || typeof window === 'undefined' || window.location.pathname.startsWith('/login')) return false;
  window.location.assign(loginHref(window.location.pathname + window.location.search));
  return true;
}

async function post(path: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'x-meshlens-csrf': '1', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the Meshlens server. Is it running?');
  }
  const data = (await res.json().catch(() => undefined)) as unknown;
  if (!res.ok) {
    if (isApiErrorBody(data)) throw new ApiError(res.status, data.error.code, data.error.message);
    throw new ApiError(res.status, 'http_error', `${res.status} ${res.statusText || 'error'}`);
  }
  return data;
}

/** `POST /api/auth/login`: the server checks the token with the cluster and sets the session cookie. */
export function signIn(token: string): Promise<unknown> {
  return post('/api/auth/login', { token });
}

/** `POST /api/auth/logout`. */
export function signOut(): Promise<unknown> {
  return post('/api/auth/logout');
}
