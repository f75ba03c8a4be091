import type { IncomingMessage } from 'node:http';
import { ANONYMOUS, type Principal } from './types';

// Kept beside the request rather than on ApiRequest, so features read it without the router knowing about auth.
const principals = new WeakMap<IncomingMessage, Principal>();

export function setPrincipal(req: IncomingMessage, p: Principal): void {
  principals.set(req, p);
}

/** Who made this request; anonymous when authentication did not run (API-only tests) or found nobody. */
export function principalOf(req: IncomingMessage): Principal {
  return principals.get(req) ?? ANONYMOUS;
}

/** The name as the config history records it (`[\w.@:-]`, at most 100 characters). */
export function historyName(p: Principal): string {
  const safe = p.name.replace(/[^\w.@:-]/g, '_').slice(0, 100);
  return safe || 'anonymous';
}
