import path from 'node:path';
import { z } from 'zod';
import { parseDuration } from '../lib/time/duration';
import { defaultLimits, parseLimitOverrides, type Limits } from '../lib/limits';

/** A configuration problem a person can fix; the CLI prints `message` on one line and exits 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface Config {
  port: number;
  host: string;
  demo: boolean;
  /** Envoy-style /stats/prometheus URLs; empty with the demo means "the demo's own targets". */
  scrapeTargets: string[];
  scrapeIntervalMs: number;
  prometheusUrl?: string;
  configDir: string;
  kubeconfig?: string;
  inCluster: boolean;
  dataDir: string;
  jaegerUrl?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Requests per second the demo load generator sends through the ingress gateway. */
  demoRps: number;
  /** Development mode: Next compiles pages on demand. */
  dev: boolean;
  /** Who may use Meshlens and how they sign in; absent (API-only tests) means anonymous with writes. */
  auth?: AuthConfig;
  /** Bounds on the work input can cause (lib/limits); absent means the defaults. */
  limits?: Limits;
  /** Origins (scheme://host[:port]) people reach Meshlens at, e.g. behind an Ingress; loopback names are always allowed. */
  publicUrls?: string[];
  /** Extra `Host` header values (host or host:port) Meshlens answers; `*` answers any (not recommended). */
  allowedHosts?: string[];
}

export type AuthStrategy = 'anonymous' | 'token' | 'header';

export interface AuthConfig {
  strategy: AuthStrategy;
  /** Anonymous users may write: the loopback default, or `--allow-anonymous-writes`. */
  anonymousWrites: boolean;
  /** Nobody writes (every change answers 403). */
  viewOnly: boolean;
  /** When not empty, only these users (or `group:<name>`) may write, on top of cluster RBAC. */
  editors: string[];
  /** Overrides the API server URL taken from the kubeconfig / in-cluster config (token and header modes). */
  kubeApi?: string;
  sessionTtlMs: number;
  /** The 32-byte session key (base64); generated here at first start when missing. */
  sessionKeyFile: string;
}

interface OptionSpec {
  key: keyof RawOptions;
  flag: string;
  env?: string;
  kind: 'string' | 'boolean';
  /** For booleans: also accept --no-<flag>. */
  negatable?: boolean;
}

interface RawOptions {
  port?: string;
  host?: string;
  demo?: string;
  scrapeTargets?: string;
  scrapeInterval?: string;
  prometheusUrl?: string;
  configDir?: string;
  kubeconfig?: string;
  inCluster?: string;
  dataDir?: string;
  jaegerUrl?: string;
  logLevel?: string;
  demoRps?: string;
  dev?: string;
  auth?: string;
  allowAnonymousWrites?: string;
  viewOnly?: string;
  editors?: string;
  kubeApi?: string;
  sessionTtl?: string;
  sessionKeyFile?: string;
  limits?: string;
  publicUrl?: string;
  allowedHosts?: string;
}

const OPTIONS: OptionSpec[] = [
  { key: 'port', flag: 'port', env: 'PORT', kind: 'string' },
  { key: 'host', flag: 'host', env: 'MESHLENS_HOST', kind: 'string' },
  { key: 'demo', flag: 'demo', env: 'MESHLENS_DEMO', kind: 'boolean', negatable: true },
  { key: 'scrapeTargets', flag: 'scrape-targets', env: 'MESHLENS_SCRAPE_TARGETS', kind: 'string' },
  { key: 'scrapeInterval', flag: 'scrape-interval', env: 'MESHLENS_SCRAPE_INTERVAL', kind: 'string' },
  { key: 'prometheusUrl', flag: 'prometheus-url', env: 'MESHLENS_PROMETHEUS_URL', kind: 'string' },
  { key: 'configDir', flag: 'config-dir', env: 'MESHLENS_CONFIG_DIR', kind: 'string' },
  { key: 'kubeconfig', flag: 'kubeconfig', env: 'MESHLENS_KUBECONFIG', kind: 'string' },
  { key: 'inCluster', flag: 'in-cluster', env: 'MESHLENS_IN_CLUSTER', kind: 'boolean' },
  { key: 'dataDir', flag: 'data-dir', env: 'MESHLENS_DATA_DIR', kind: 'string' },
  { key: 'jaegerUrl', flag: 'jaeger-url', env: 'MESHLENS_JAEGER_URL', kind: 'string' },
  { key: 'logLevel', flag: 'log-level', env: 'MESHLENS_LOG_LEVEL', kind: 'string' },
  { key: 'demoRps', flag: 'demo-rps', env: 'MESHLENS_DEMO_RPS', kind: 'string' },
  { key: 'dev', flag: 'dev', kind: 'boolean' },
  { key: 'auth', flag: 'auth', env: 'MESHLENS_AUTH', kind: 'string' },
  { key: 'allowAnonymousWrites', flag: 'allow-anonymous-writes', env: 'MESHLENS_ALLOW_ANONYMOUS_WRITES', kind: 'boolean' },
  { key: 'viewOnly', flag: 'view-only', env: 'MESHLENS_VIEW_ONLY', kind: 'boolean' },
  { key: 'editors', flag: 'editors', env: 'MESHLENS_EDITORS', kind: 'string' },
  { key: 'kubeApi', flag: 'kube-api', env: 'MESHLENS_KUBE_API', kind: 'string' },
  { key: 'sessionTtl', flag: 'session-ttl', env: 'MESHLENS_SESSION_TTL', kind: 'string' },
  { key: 'sessionKeyFile', flag: 'session-key-file', env: 'MESHLENS_SESSION_KEY_FILE', kind: 'string' },
  { key: 'limits', flag: 'limits', env: 'MESHLENS_LIMITS', kind: 'string' },
  { key: 'publicUrl', flag: 'public-url', env: 'MESHLENS_PUBLIC_URL', kind: 'string' },
  { key: 'allowedHosts', flag: 'allowed-hosts', env: 'MESHLENS_ALLOWED_HOSTS', kind: 'string' },
];

/** The flags `serve` understands, for --help. */
export const SERVE_USAGE = `Usage: meshlens serve [options]

Options (flags beat environment variables beat defaults):
  --port N                 PORT                      HTTP port (default 3000)
  --host ADDR              MESHLENS_HOST             bind address (default 127.0.0.1)
  --demo | --no-demo       MESHLENS_DEMO             run the embedded demo mesh (default: on without a real backend)
  --scrape-targets URLS    MESHLENS_SCRAPE_TARGETS   comma-separated /stats/prometheus URLs
  --scrape-interval D      MESHLENS_SCRAPE_INTERVAL  embedded scrape interval (default 5s demo, 15s otherwise)
  --prometheus-url URL     MESHLENS_PROMETHEUS_URL   query this Prometheus instead of scraping
  --config-dir DIR         MESHLENS_CONFIG_DIR       YAML mesh config folder (default <data-dir>/demo/config)
  --kubeconfig FILE        MESHLENS_KUBECONFIG       use the Kubernetes API as the config store
  --in-cluster             MESHLENS_IN_CLUSTER       use the in-cluster Kubernetes config
  --data-dir DIR           MESHLENS_DATA_DIR         embedded stores (default ./.meshlens)
  --jaeger-url URL         MESHLENS_JAEGER_URL       read traces from this Jaeger query API
  --log-level LEVEL        MESHLENS_LOG_LEVEL        fatal|error|warn|info|debug|trace|silent (default info)
  --demo-rps N             MESHLENS_DEMO_RPS         demo load in requests/s (default 5)
  --auth MODE              MESHLENS_AUTH             anonymous|token|header (default anonymous on loopback; required otherwise)
  --allow-anonymous-writes MESHLENS_ALLOW_ANONYMOUS_WRITES  let anonymous users write when not on loopback
  --view-only              MESHLENS_VIEW_ONLY        refuse every write
  --editors LIST           MESHLENS_EDITORS          users (or group:NAME) allowed to write, comma-separated
  --kube-api URL           MESHLENS_KUBE_API         API server for sign-in checks (default: kubeconfig / in-cluster)
  --session-ttl D          MESHLENS_SESSION_TTL      how long a sign-in lasts (default 8h)
  --session-key-file FILE  MESHLENS_SESSION_KEY_FILE session key, e.g. a mounted Secret (default <data-dir>/session.key)
  --public-url URLS        MESHLENS_PUBLIC_URL       origins people use to reach Meshlens (comma-separated), e.g. https://meshlens.example.com
  --allowed-hosts LIST     MESHLENS_ALLOWED_HOSTS    extra Host header values to answer (comma-separated host[:port])
  --limits LIST            MESHLENS_LIMITS           override bounds on input, area.name=value,... (see lib/limits)
`;

const BOOL_TRUE = new Set(['1', 'true', 'yes', 'on']);
const BOOL_FALSE = new Set(['0', 'false', 'no', 'off']);

function parseBool(value: string, source: string): boolean {
  const v = value.trim().toLowerCase();
  if (BOOL_TRUE.has(v)) return true;
  if (BOOL_FALSE.has(v)) return false;
  throw new ConfigError(`${source}: expected true or false, got ${JSON.stringify(value)}`);
}

/** Splits argv into raw option strings; unknown flags and missing values are errors. */
export function parseFlags(argv: readonly string[]): { raw: RawOptions; positional: string[] } {
  const raw: RawOptions = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const negated = name.startsWith('no-') ? OPTIONS.find((o) => o.negatable && o.flag === name.slice(3)) : undefined;
    if (negated) {
      if (inline !== undefined) throw new ConfigError(`--${name} takes no value`);
      raw[negated.key] = 'false';
      continue;
    }
    const spec = OPTIONS.find((o) => o.flag === name);
    if (!spec) throw new ConfigError(`unknown option --${name} (see --help)`);
    if (spec.kind === 'boolean') {
      raw[spec.key] = inline ?? 'true';
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new ConfigError(`--${name} needs a value`);
    }
    raw[spec.key] = value;
  }
  return { raw, positional };
}

const urlSchema = z.string().refine((s) => {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}, 'expected an http(s) URL');

/**
 * Resolves configuration: flags beat environment variables beat defaults.
 * Throws ConfigError with a one-line message naming the flag or variable at fault.
 */
export function loadConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): Config {
  const { raw: flags, positional } = parseFlags(argv);
  if (positional.length > 0) throw new ConfigError(`unexpected argument ${JSON.stringify(positional[0])}`);
  const pick = (key: keyof RawOptions): { value?: string; source: string } => {
    const spec = OPTIONS.find((o) => o.key === key) as OptionSpec;
    if (flags[key] !== undefined) return { value: flags[key], source: `--${spec.flag}` };
    if (spec.env && env[spec.env] !== undefined && env[spec.env] !== '') return { value: env[spec.env], source: spec.env };
    return { source: spec.env ?? `--${spec.flag}` };
  };
  const check = <T>(schema: z.ZodType<T>, key: keyof RawOptions, fallback: T): T => {
    const { value, source } = pick(key);
    if (value === undefined) return fallback;
    const r = schema.safeParse(value);
    if (!r.success) throw new ConfigError(`${source}: ${r.error.issues[0]?.message ?? 'invalid'} (got ${JSON.stringify(value)})`);
    return r.data;
  };
  const bool = (key: keyof RawOptions, fallback: boolean): boolean => {
    const { value, source } = pick(key);
    return value === undefined ? fallback : parseBool(value, source);
  };

  const port = check(
    z.string().regex(/^\d+$/, 'expected a port number').transform(Number).refine((n) => n >= 0 && n <= 65535, 'port must be 0-65535'),
    'port',
    3000,
  );
  const host = check(z.string().min(1, 'expected an address'), 'host', '127.0.0.1');
  const prometheusUrl = check(urlSchema.optional(), 'prometheusUrl', undefined);
  const jaegerUrl = check(urlSchema.optional(), 'jaegerUrl', undefined);
  const kubeconfig = check(z.string().min(1).optional(), 'kubeconfig', undefined);
  const inCluster = bool('inCluster', false);
  const realBackend = Boolean(prometheusUrl || jaegerUrl || kubeconfig || inCluster);
  const demo = bool('demo', !realBackend);
  const targetsText = check(z.string(), 'scrapeTargets', '');
  const scrapeTargets = targetsText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const t of scrapeTargets) {
    if (!urlSchema.safeParse(t).success) {
      throw new ConfigError(`${pick('scrapeTargets').source}: ${JSON.stringify(t)} is not an http(s) URL`);
    }
  }
  const intervalRaw = pick('scrapeInterval');
  let scrapeIntervalMs = demo ? 5000 : 15000;
  if (intervalRaw.value !== undefined) {
    const d = parseDuration(intervalRaw.value);
    if (d === undefined || d < 100 || d > 3_600_000) {
      throw new ConfigError(`${intervalRaw.source}: expected a duration between 100ms and 1h such as 5s (got ${JSON.stringify(intervalRaw.value)})`);
    }
    scrapeIntervalMs = d;
  }
  const dataDir = path.resolve(cwd, check(z.string().min(1, 'expected a folder'), 'dataDir', './.meshlens'));
  const configDirRaw = check(z.string().min(1, 'expected a folder').optional(), 'configDir', undefined);
  const configDir = configDirRaw ? path.resolve(cwd, configDirRaw) : path.join(dataDir, 'demo', 'config');
  const logLevel = check(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'logLevel', 'info');
  const demoRps = check(
    z.string().regex(/^\d+(\.\d+)?$/, 'expected a number of requests per second').transform(Number).refine((n) => n <= 1000, 'at most 1000'),
    'demoRps',
    5,
  );
  const dev = bool('dev', false);
  const config: Config = {
    port, host, demo, scrapeTargets, scrapeIntervalMs, configDir, inCluster, dataDir, logLevel, demoRps, dev,
  };
  if (prometheusUrl) config.prometheusUrl = prometheusUrl;
  if (jaegerUrl) config.jaegerUrl = jaegerUrl;
  if (kubeconfig) config.kubeconfig = path.resolve(cwd, kubeconfig);
  config.auth = authConfig(host, dataDir, cwd, pick, check, bool);
  const limitsRaw = pick('limits');
  if (limitsRaw.value !== undefined) {
    const r = parseLimitOverrides(limitsRaw.value);
    if ('error' in r) throw new ConfigError(`${limitsRaw.source}: ${r.error}`);
    config.limits = r.limits;
  } else {
    config.limits = defaultLimits();
  }
  const list = (key: keyof RawOptions) => check(z.string(), key, '').split(',').map((s) => s.trim()).filter(Boolean);
  const publicUrls = list('publicUrl').map((u) => {
    const r = urlSchema.safeParse(u);
    if (!r.success) throw new ConfigError(`${pick('publicUrl').source}: ${JSON.stringify(u)} is not an http(s) URL`);
    return new URL(u).origin;
  });
  if (publicUrls.length > 0) config.publicUrls = publicUrls;
  const allowedHosts = list('allowedHosts').map((h) => h.toLowerCase());
  for (const h of allowedHosts) {
    if (h !== '*' && !/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(h)) throw new ConfigError(`${pick('allowedHosts').source}: ${JSON.stringify(h)} is not a host or host:port`);
  }
  if (allowedHosts.length > 0) config.allowedHosts = allowedHosts;
  return config;
}

type Pick = (key: keyof RawOptions) => { value?: string; source: string };
type Check = <T>(schema: z.ZodType<T>, key: keyof RawOptions, fallback: T) => T;

/** Loopback binds are reachable only from this machine, so anonymous access is a safe default there alone. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

function authConfig(host: string, dataDir: string, cwd: string, pick: Pick, check: Check, bool: (key: keyof RawOptions, fallback: boolean) => boolean): AuthConfig {
  const loopback = isLoopbackHost(host);
  const chosen = check(z.enum(['anonymous', 'token', 'header'], 'expected anonymous, token or header').optional(), 'auth', undefined);
  if (!chosen && !loopback) {
    throw new ConfigError(
      `binding to ${host} exposes Meshlens beyond this machine, so choose how people sign in: --auth token|header|anonymous (or MESHLENS_AUTH)`,
    );
  }
  const strategy = chosen ?? 'anonymous';
  const ttlRaw = pick('sessionTtl');
  let sessionTtlMs = 8 * 3_600_000;
  if (ttlRaw.value !== undefined) {
    const d = parseDuration(ttlRaw.value);
    if (d === undefined || d < 1000 || d > 30 * 86_400_000) throw new ConfigError(`${ttlRaw.source}: expected a duration between 1s and 30d such as 8h (got ${JSON.stringify(ttlRaw.value)})`);
    sessionTtlMs = d;
  }
  const editors = check(z.string(), 'editors', '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const kubeApi = check(urlSchema.optional(), 'kubeApi', undefined);
  const keyFile = check(z.string().min(1, 'expected a file').optional(), 'sessionKeyFile', undefined);
  const auth: AuthConfig = {
    strategy,
    // Anonymous writes stay open by default only where nobody but this machine can connect.
    anonymousWrites: bool('allowAnonymousWrites', loopback),
    viewOnly: bool('viewOnly', false),
    editors,
    sessionTtlMs,
    sessionKeyFile: keyFile ? path.resolve(cwd, keyFile) : path.join(dataDir, 'session.key'),
  };
  if (kubeApi) auth.kubeApi = kubeApi.replace(/\/+$/, '');
  return auth;
}
