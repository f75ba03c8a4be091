import path from 'node:path';
import { z } from 'zod';
import { parseDuration } from '../lib/time/duration';

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
  return config;
}
