import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallerCredentials } from './kube-auth-api';
import type { Principal } from './types';

const current = new AsyncLocalStorage<Principal>();

/** Runs a request's handler as `p`, so code far from the request (a store's write) can ask who it acts for. */
export function runAs<T>(p: Principal, fn: () => T): T {
  return current.run(p, fn);
}

/** The principal of the request being handled, if any. */
export function currentPrincipal(): Principal | undefined {
  return current.getStore();
}

/**
 * The Kubernetes credentials to act with for the request being handled: the person's bearer token (and whom the
 * proxy impersonates) in token and header modes; undefined when anonymous or outside a request (use Meshlens's own).
 * The Kubernetes config store sends its writes with these, so cluster RBAC decides and audit logs name the person.
 */
export function callerCredentials(): CallerCredentials | undefined {
  const p = current.getStore();
  if (!p?.token) return undefined;
  return { token: p.token, ...(p.impersonate ? { impersonate: p.impersonate } : {}) };
}
