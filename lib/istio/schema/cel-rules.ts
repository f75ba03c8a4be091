/**
 * The CEL validation rules (x-kubernetes-validations) of Istio's CRDs, implemented by hand: the API server
 * evaluates them on admission, so offline validation must too. Keyed by the rule text with whitespace
 * collapsed; a rule that is not listed here is not checked (a test keeps the table complete for the bundled CRDs).
 * Each predicate returns true when the value is valid; a thrown error counts as invalid, as a CEL error does.
 */

type Obj = Record<string, unknown>;
type Predicate = (self: unknown) => boolean;

const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const has = (v: unknown, k: string) => obj(v)[k] !== undefined && obj(v)[k] !== null;
const s = (v: unknown): string => {
  if (typeof v !== 'string') throw new Error('not a string');
  return v;
};
const count = (v: unknown, ...keys: string[]) => keys.filter((k) => has(v, k)).length;
const keys = (v: unknown) => Object.keys(obj(v));
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Go/CEL duration strings (`1h2m3.5s`, `500ms`, `10us`) to nanoseconds; throws when malformed. */
export function parseDuration(d: string): number {
  const unit: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(d);
  if (!m) throw new Error(`invalid duration ${JSON.stringify(d)}`);
  let total = 0;
  for (const part of d.replace(/^[-+]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(part[1]) * (unit[part[2] as string] ?? 0);
  return m[1] === '-' ? -total : total;
}

function scheme(u: string): string {
  return new URL(u).protocol.replace(/:$/, '');
}

function isUrl(u: string): boolean {
  try {
    new URL(u);
    return true;
  } catch {
    return false;
  }
}

const urlSchemeIn = (allowed: string[]) => (self: unknown) => {
  const v = s(self);
  return isUrl(v) ? allowed.includes(scheme(v)) : isUrl(`http://${v}`) && allowed.includes(scheme(`http://${v}`));
};

const PORT_NAME = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;

export const CEL_RULES: Record<string, Predicate> = {
  '(has(self.selector) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1': (v) => count(v, 'selector', 'targetRefs') <= 1,
  'has(self.wasm) != has(self.lua)': (v) => has(v, 'wasm') !== has(v, 'lua'),
  'self.all(key, !key.contains("*"))': (v) => keys(v).every((k) => !k.includes('*')),
  'self.all(key, key.size() != 0)': (v) => keys(v).every((k) => k.length !== 0),
  '!self.contains("*")': (v) => !s(v).includes('*'),
  'self.size() == 0': (v) => (typeof v === 'string' ? v.length : Array.isArray(v) ? v.length : keys(v).length) === 0,
  'isURL(self) ? (url(self).getScheme() in ["", "http", "https", "file", "oci"]) : (isURL("http://" + self) && url("http://" + self).getScheme() in ["", "http", "https", "file", "oci"])':
    urlSchemeIn(['', 'http', 'https', 'file', 'oci']),
  'isURL(self) ? (url(self).getScheme() in ["", "http", "https", "oci", "file"]) : (isURL("http://" + self) && url("http://" + self).getScheme() in ["", "http", "https", "oci", "file"])':
    urlSchemeIn(['', 'http', 'https', 'oci', 'file']),
  '(has(self.valueFrom) ? self.valueFrom : "") != "HOST" || !has(self.value)': (v) => obj(v).valueFrom !== 'HOST' || !has(v, 'value'),
  '(has(self.selector) ? 1 : 0) + (has(self.targetRef) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1': (v) => count(v, 'selector', 'targetRef', 'targetRefs') <= 1,
  "duration(self) >= duration('1ms')": (v) => parseDuration(s(v)) >= 1e6,
  '(has(self.workloadSelector) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1': (v) => count(v, 'workloadSelector', 'targetRefs') <= 1,
  'has(self.context) ? ((self.context == "WAYPOINT") ? has(self.waypoint) : !has(self.waypoint)) : !has(self.waypoint)': (v) =>
    has(v, 'context') && obj(v).context === 'WAYPOINT' ? has(v, 'waypoint') : !has(v, 'waypoint'),
  '0 < self && self <= 65535': (v) => typeof v === 'number' && v > 0 && v <= 65535,
  '(has(self.tlsCertificates) ? 1 : 0) + (has(self.credentialNames) ? 1 : 0) <= 1': (v) => count(v, 'tlsCertificates', 'credentialNames') <= 1,
  '(has(self.credentialName) ? 1 : 0) + (has(self.credentialNames) ? 1 : 0) <= 1': (v) => count(v, 'credentialName', 'credentialNames') <= 1,
  '(has(self.credentialNames) ? 1 : 0) + (has(self.tlsCertificates) ? 1 : 0) <= 1': (v) => count(v, 'credentialNames', 'tlsCertificates') <= 1,
  '(has(self.workloadSelector) ? 1 : 0) + (has(self.endpoints) ? 1 : 0) <= 1': (v) => count(v, 'workloadSelector', 'endpoints') <= 1,
  '!((has(self.addresses) ? self.addresses : []).exists(k, k.contains("/")) && !((has(self.resolution) ? self.resolution : "NONE") in ["STATIC", "NONE"]))': (v) =>
    !(list(obj(v).addresses).some((a) => s(a).includes('/')) && !['STATIC', 'NONE'].includes(String(obj(v).resolution ?? 'NONE'))),
  '((has(self.resolution) ? self.resolution : "NONE") == "NONE") ? !has(self.endpoints) : true': (v) => (obj(v).resolution ?? 'NONE') !== 'NONE' || !has(v, 'endpoints'),
  '((has(self.resolution) ? self.resolution : "") == "DNS_ROUND_ROBIN") ? ((has(self.endpoints) ? self.endpoints : []).size() <= 1) : true': (v) =>
    obj(v).resolution !== 'DNS_ROUND_ROBIN' || list(obj(v).endpoints).length <= 1,
  'has(self.address) || has(self.network)': (v) => has(v, 'address') || has(v, 'network'),
  '(has(self.address) ? self.address : "").startsWith("unix://") ? !has(self.ports) : true': (v) => !String(obj(v).address ?? '').startsWith('unix://') || !has(v, 'ports'),
  'self.startsWith("unix://") ? (self.substring(7, 8) == "/" || self.substring(7, 8) == "@") : true': (v) =>
    !s(v).startsWith('unix://') || ['/', '@'].includes(s(v).substring(7, 8)),
  'self.startsWith("unix://") ? !self.endsWith("/") : true': (v) => !s(v).startsWith('unix://') || !s(v).endsWith('/'),
  'self.all(key, size(key) < 63 && key.matches("^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$"))': (v) => keys(v).every((k) => k.length < 63 && PORT_NAME.test(k)),
  'self != "*"': (v) => v !== '*',
  'self.all(l1, self.exists_one(l2, l1.number == l2.number))': (v) => list(v).every((a) => list(v).filter((b) => obj(b).number === obj(a).number).length === 1),
  'self in ["", "HTTP", "HTTPS"]': (v) => ['', 'HTTP', 'HTTPS'].includes(s(v)),
  '(has(self.serviceAccounts) || has(self.notServiceAccounts)) ? (!has(self.principals) && !has(self.notPrincipals) && !has(self.namespaces) && !has(self.notNamespaces)) : true': (v) =>
    !(has(v, 'serviceAccounts') || has(v, 'notServiceAccounts')) || count(v, 'principals', 'notPrincipals', 'namespaces', 'notNamespaces') === 0,
  'has(self.portLevelMtls) ? (((has(self.selector) && has(self.selector.matchLabels)) ? self.selector.matchLabels : {}).size() > 0) : true': (v) =>
    !has(v, 'portLevelMtls') || keys(obj(obj(v).selector).matchLabels).length > 0,
  'self.all(key, 0 < int(key) && int(key) <= 65535)': (v) => keys(v).every((k) => /^-?\d+$/.test(k) && Number(k) > 0 && Number(k) <= 65535),
  '(has(self.jwksUri) ? 1 : 0) + (has(self.jwks_uri) ? 1 : 0) + (has(self.jwks) ? 1 : 0) <= 1': (v) => count(v, 'jwksUri', 'jwks_uri', 'jwks') <= 1,
  'url(self).getScheme() in ["http", "https"]': (v) => ['http', 'https'].includes(scheme(s(v))),
  '((has(self.operation) ? self.operation : "") == "UPSERT") ? (self.value != "") : true': (v) => obj(v).operation !== 'UPSERT' || (obj(v).value ?? '') !== '',
  '((has(self.operation) ? self.operation : "") == "REMOVE") ? !has(self.value) : true': (v) => obj(v).operation !== 'REMOVE' || !has(v, 'value'),
};

/** Collapses whitespace so rule texts compare regardless of YAML line folding. */
export function normalizeRule(rule: string): string {
  return rule.replace(/\s+/g, ' ').trim();
}

/** Evaluates a rule; undefined when the rule is unknown (not checked). */
export function evaluateRule(rule: string, self: unknown): boolean | undefined {
  const p = CEL_RULES[rule];
  if (!p) return undefined;
  try {
    return p(self);
  } catch {
    return false;
  }
}
