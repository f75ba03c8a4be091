import type http from 'node:http';
import type { Match } from './router';

/** Narrows an answer's body to what the caller may see (e.g. drops hidden namespaces). */
export type AnswerFilter = (body: unknown) => Promise<unknown>;

/**
 * What the HTTP server asks of authentication, so the listener knows nothing of sessions or Kubernetes
 * (server/auth implements it). Refusals are thrown HttpErrors (401, 403, 404, 429, 503).
 */
export interface AuthHook {
  /** Own routes, after the CSRF check and before the handler: who is calling, and may they? */
  api(req: http.IncomingMessage, match: Match, url: URL): Promise<AnswerFilter | undefined>;
  /** Pages: answers itself (a redirect to the sign-in page) and returns true, or returns false to let Next render. */
  page(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean>;
  /** Runs the route's handler on behalf of the request's caller (so stores can write with their credentials). */
  within?<T>(req: http.IncomingMessage, handler: () => T): T;
  /** Development mode: Next's dev client needs eval, which the page CSP then allows. */
  dev?: boolean;
}
