import type { HTTPMatchRequest, StringMatch } from '../types';
import { labelsMatch } from '../types';

/** The parts of an HTTP request routing looks at. Header names are lower-case. */
export interface RoutableRequest {
  method: string;
  /** Path with query string, as sent. */
  path: string;
  authority: string;
  scheme?: string;
  headers: Record<string, string>;
  port?: number;
  sourceLabels?: Record<string, string>;
  sourceNamespace?: string;
}

const regexCache = new Map<string, RegExp | null>();

/** Compiles an RE2-style full-match regex; an invalid one never matches (and is cached as such). */
function fullMatch(pattern: string, flags = ''): RegExp | null {
  const key = `${flags}/${pattern}`;
  let re = regexCache.get(key);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`, flags);
    } catch {
      re = null;
    }
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(key, re);
  }
  return re;
}

/** Whether a value satisfies an Istio StringMatch (exact, prefix or regex). An empty match matches anything. */
export function stringMatches(m: StringMatch | undefined, value: string | undefined, ignoreCase = false): boolean {
  if (!m) return true;
  if (value === undefined) return false;
  const v = ignoreCase ? value.toLowerCase() : value;
  if (m.exact !== undefined) return v === (ignoreCase ? m.exact.toLowerCase() : m.exact);
  if (m.prefix !== undefined) return v.startsWith(ignoreCase ? m.prefix.toLowerCase() : m.prefix);
  if (m.regex !== undefined) return fullMatch(m.regex, ignoreCase ? 'i' : '')?.test(value) ?? false;
  return true;
}

function splitPath(path: string): { uri: string; query: URLSearchParams } {
  const q = path.indexOf('?');
  return q === -1 ? { uri: path, query: new URLSearchParams() } : { uri: path.slice(0, q), query: new URLSearchParams(path.slice(q + 1)) };
}

/**
 * Whether one HTTPMatchRequest (all of its conditions, ANDed) matches the request.
 * `gateway` is the proxy's gateway name (`mesh` for sidecars) for `match.gateways`.
 */
export function matchRequest(m: HTTPMatchRequest, req: RoutableRequest, gateway: string): boolean {
  const { uri, query } = splitPath(req.path);
  if (!stringMatches(m.uri, uri, m.ignoreUriCase === true)) return false;
  if (!stringMatches(m.method, req.method)) return false;
  if (!stringMatches(m.authority, req.authority)) return false;
  if (m.scheme && !stringMatches(m.scheme, req.scheme ?? 'http')) return false;
  if (m.port !== undefined && req.port !== undefined && m.port !== req.port) return false;
  if (m.sourceNamespace !== undefined && m.sourceNamespace !== req.sourceNamespace) return false;
  if (m.sourceLabels && !labelsMatch(m.sourceLabels, req.sourceLabels)) return false;
  if (m.gateways && m.gateways.length > 0 && !m.gateways.some((g) => g === gateway || g.endsWith(`/${gateway}`))) return false;
  for (const [name, sm] of Object.entries(m.headers ?? {})) {
    if (!stringMatches(sm, req.headers[name.toLowerCase()])) return false;
  }
  for (const [name, sm] of Object.entries(m.withoutHeaders ?? {})) {
    const v = req.headers[name.toLowerCase()];
    // withoutHeaders: the request must NOT have a header matching this.
    if (v !== undefined && stringMatches(sm, v)) return false;
  }
  for (const [name, sm] of Object.entries(m.queryParams ?? {})) {
    const v = query.get(name);
    if (v === null || !stringMatches(sm, v)) return false;
  }
  return true;
}

/** An http route matches when it has no match blocks or when any one of them matches (ORed). */
export function matchAny(matches: HTTPMatchRequest[] | undefined, req: RoutableRequest, gateway: string): boolean {
  if (!matches || matches.length === 0) return true;
  return matches.some((m) => matchRequest(m, req, gateway));
}
