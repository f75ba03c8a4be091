import type { SchemaError } from '../check-schema';
import { hostProblem } from './hosts';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * istiod's VirtualService rules beyond the CRD schema: hosts are DNS names (a host-less delegate may not name
 * gateways), each HTTP rule has exactly one action (route, redirect, direct response or delegate), redirects
 * and rewrites do not mix, URI regexes compile, and TCP/TLS rules route somewhere.
 */
export function virtualServiceProblems(spec: unknown): SchemaError[] {
  const s = rec(spec);
  if (!s) return [];
  const out: SchemaError[] = [];
  const hosts = arr(s.hosts);
  if (hosts.length === 0 && arr(s.gateways).length > 0) out.push({ path: ['spec', 'gateways'], message: 'delegate virtual service must have no gateways specified' });
  hosts.forEach((h, i) => {
    if (typeof h !== 'string') return;
    const p = hostProblem(h);
    if (p) out.push({ path: ['spec', 'hosts', i], message: p });
  });
  arr(s.http).forEach((r, i) => {
    const route = rec(r);
    if (!route) return;
    const path = ['spec', 'http', i];
    const actions = ['route', 'redirect', 'directResponse', 'delegate'].filter((k) => (k === 'route' ? arr(route.route).length > 0 : rec(route[k]) !== undefined));
    if (actions.length === 0) out.push({ path, message: 'HTTP route, redirect, directResponse or delegate is required' });
    if (actions.length > 1) out.push({ path: [...path, actions[1] as string], message: `only one of route, redirect, directResponse or delegate may be set (found ${actions.join(', ')})` });
    if (rec(route.redirect) && rec(route.rewrite)) out.push({ path: [...path, 'rewrite'], message: 'rewrite may not be used together with redirect' });
    arr(route.match).forEach((m, j) => {
      for (const field of ['uri', 'scheme', 'method', 'authority']) {
        const re = rec(rec(m)?.[field])?.regex;
        if (typeof re === 'string' && !compiles(re)) out.push({ path: [...path, 'match', j, field, 'regex'], message: `invalid regex ${JSON.stringify(re)}` });
      }
    });
  });
  for (const kind of ['tcp', 'tls'] as const) {
    arr(s[kind]).forEach((r, i) => {
      if (rec(r) && arr(rec(r)?.route).length === 0) out.push({ path: ['spec', kind, i, 'route'], message: `${kind.toUpperCase()} route must have at least one destination` });
    });
  }
  if (arr(s.http).length + arr(s.tcp).length + arr(s.tls).length === 0) out.push({ path: ['spec'], message: 'http, tcp or tls must be provided in virtual service' });
  return out;
}

function compiles(re: string): boolean {
  try {
    new RegExp(re, 'u');
    return true;
  } catch {
    return false;
  }
}
