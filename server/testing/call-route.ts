/** Calls a GET route's handler directly (no HTTP) and reads its JSON answer, whether it answered an object or text. */
import type { ApiRequest, Route } from '../http/router';

export async function callRoute(routes: Route[], path: string, requestId = 'test'): Promise<unknown> {
  const url = new URL(`http://127.0.0.1${path}`);
  const route = routes.find((r) => r.method === 'GET' && r.path === url.pathname);
  if (!route) throw new Error(`no route ${url.pathname}`);
  const req = { method: 'GET', url, params: {}, headers: {}, requestId } as unknown as ApiRequest;
  const res = await route.handler(req);
  if ('text' in res && res.text !== undefined) return JSON.parse(typeof res.text === 'string' ? res.text : new TextDecoder().decode(res.text));
  return 'body' in res ? res.body : undefined;
}
