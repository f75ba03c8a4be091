import { describe, expect, it } from 'vitest';
import { ConfigError, isLoopbackHost, loadConfig } from './config';

const load = (argv: string[], env: Record<string, string> = {}) => loadConfig(argv, env, '/work');

describe('loadConfig', () => {
  it('has the contract defaults', () => {
    const c = load([]);
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', demo: true, scrapeTargets: [], scrapeIntervalMs: 5000, dataDir: '/work/.meshlens', configDir: '/work/.meshlens/demo/config', inCluster: false });
    expect(c.prometheusUrl).toBeUndefined();
  });

  it('lets flags beat environment variables beat defaults', () => {
    expect(load([], { PORT: '4000' }).port).toBe(4000);
    expect(load(['--port', '5000'], { PORT: '4000' }).port).toBe(5000);
    expect(load(['--port=5001'], { PORT: '4000' }).port).toBe(5001);
    expect(load(['--host', '::1'], { MESHLENS_HOST: '127.0.0.2' }).host).toBe('::1');
    expect(load([], { MESHLENS_DEMO: 'false' }).demo).toBe(false);
    expect(load(['--demo'], { MESHLENS_DEMO: 'false' }).demo).toBe(true);
    expect(load(['--no-demo']).demo).toBe(false);
  });

  it('turns the demo off by default when a real backend is configured, and scrapes every 15 s', () => {
    const c = load([], { MESHLENS_PROMETHEUS_URL: 'http://prom:9090' });
    expect(c.demo).toBe(false);
    expect(c.scrapeIntervalMs).toBe(15000);
    expect(load(['--demo'], { MESHLENS_PROMETHEUS_URL: 'http://prom:9090' }).demo).toBe(true);
    expect(load(['--in-cluster']).demo).toBe(false);
  });

  it('parses lists, durations and folders', () => {
    const c = load(['--scrape-targets', 'http://a:15090/stats/prometheus, http://b:15090/stats/prometheus', '--data-dir', 'd'], { MESHLENS_SCRAPE_INTERVAL: '2s' });
    expect(c.scrapeTargets).toEqual(['http://a:15090/stats/prometheus', 'http://b:15090/stats/prometheus']);
    expect(c.scrapeIntervalMs).toBe(2000);
    expect(c.dataDir).toBe('/work/d');
    expect(load(['--config-dir', '/etc/mesh']).configDir).toBe('/etc/mesh');
  });

  it.each([
    [['--port', 'abc'], {}, /--port: expected a port number/],
    [[], { PORT: '70000' }, /PORT: port must be 0-65535/],
    [['--bogus'], {}, /unknown option --bogus/],
    [['--port'], {}, /--port needs a value/],
    [['--no-port'], {}, /unknown option --no-port/],
    [[], { MESHLENS_DEMO: 'maybe' }, /MESHLENS_DEMO: expected true or false/],
    [[], { MESHLENS_SCRAPE_INTERVAL: 'fast' }, /MESHLENS_SCRAPE_INTERVAL: expected a duration/],
    [[], { MESHLENS_PROMETHEUS_URL: 'prom:9090' }, /MESHLENS_PROMETHEUS_URL: expected an http\(s\) URL/],
    [['--scrape-targets', 'http://ok,ftp://no'], {}, /"ftp:\/\/no" is not an http\(s\) URL/],
    [['--log-level', 'loud'], {}, /--log-level/],
    [['serve-me'], {}, /unexpected argument/],
    [['--demo=perhaps'], {}, /--demo: expected true or false/],
  ])('rejects %j %j with a clear message', (argv, env, message) => {
    expect(() => load(argv, env as Record<string, string>)).toThrow(ConfigError);
    expect(() => load(argv, env as Record<string, string>)).toThrow(message);
  });
});

describe('authentication options', () => {
  it('defaults to anonymous with writes on loopback', () => {
    expect(load([]).auth).toEqual({ strategy: 'anonymous', anonymousWrites: true, viewOnly: false, editors: [], sessionTtlMs: 8 * 3_600_000, sessionKeyFile: '/work/.meshlens/session.key' });
    expect(load(['--host', '::1']).auth?.strategy).toBe('anonymous');
  });

  it.each([['0.0.0.0'], ['10.0.0.7'], ['::'], ['meshlens.example.com']])('refuses to bind %s without an explicit choice', (host) => {
    expect(() => load(['--host', host])).toThrow(ConfigError);
    expect(() => load(['--host', host])).toThrow(/exposes Meshlens beyond this machine.*--auth token\|header\|anonymous \(or MESHLENS_AUTH\)/);
  });

  it('makes explicit anonymous access view-only off loopback unless writes are allowed', () => {
    expect(load(['--host', '0.0.0.0', '--auth', 'anonymous']).auth).toMatchObject({ strategy: 'anonymous', anonymousWrites: false });
    expect(load(['--host', '0.0.0.0', '--auth', 'anonymous', '--allow-anonymous-writes']).auth?.anonymousWrites).toBe(true);
    expect(load(['--host', '0.0.0.0'], { MESHLENS_AUTH: 'token', MESHLENS_ALLOW_ANONYMOUS_WRITES: 'true' }).auth).toMatchObject({ strategy: 'token', anonymousWrites: true });
  });

  it('reads the rest from flags and environment', () => {
    const a = load(['--auth', 'header', '--editors', 'alice, group:ops', '--view-only', '--session-ttl', '30m', '--session-key-file', 'secret/key'], { MESHLENS_KUBE_API: 'https://kube:6443/' }).auth;
    expect(a).toEqual({ strategy: 'header', anonymousWrites: true, viewOnly: true, editors: ['alice', 'group:ops'], sessionTtlMs: 1_800_000, sessionKeyFile: '/work/secret/key', kubeApi: 'https://kube:6443' });
    expect(load([], { MESHLENS_VIEW_ONLY: '1', MESHLENS_EDITORS: 'bob' }).auth).toMatchObject({ viewOnly: true, editors: ['bob'] });
  });

  it.each([
    [['--auth', 'oauth'], /--auth: expected anonymous, token or header/],
    [['--session-ttl', 'forever'], /--session-ttl: expected a duration between 1s and 30d/],
    [['--kube-api', 'kube:6443'], /--kube-api: expected an http\(s\) URL/],
    [['--view-only=sometimes'], /--view-only: expected true or false/],
  ])('rejects %j', (argv, message) => {
    expect(() => load(argv)).toThrow(message);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '192.168.1.1', 'example.com', '128.0.0.1'].some(isLoopbackHost)).toBe(false);
  });
});

describe('limits, public URLs and allowed hosts', () => {
  it('has the default limits and reads overrides from a flag or MESHLENS_LIMITS', () => {
    expect(load([]).limits?.ingest.maxSpansPerRequest).toBe(20_000);
    expect(load(['--limits', 'ingest.maxSpansPerRequest=10']).limits?.ingest.maxSpansPerRequest).toBe(10);
    expect(load([], { MESHLENS_LIMITS: 'yaml.maxBytes=5' }).limits?.yaml.maxBytes).toBe(5);
  });
  it('keeps the origin of each public URL and lower-cases allowed hosts', () => {
    const c = load(['--public-url', 'https://Mesh.Example.com/ui/, http://10.0.0.1:8080', '--allowed-hosts', 'Mesh.Example.com,10.0.0.1:8080']);
    expect(c.publicUrls).toEqual(['https://mesh.example.com', 'http://10.0.0.1:8080']);
    expect(c.allowedHosts).toEqual(['mesh.example.com', '10.0.0.1:8080']);
  });
  it.each([
    [['--limits', 'ingest.nope=1'], /--limits: unknown limit "ingest.nope"/],
    [['--public-url', 'ftp://x'], /--public-url: "ftp:\/\/x" is not an http\(s\) URL/],
    [['--allowed-hosts', 'a b'], /--allowed-hosts: "a b" is not a host/],
  ])('rejects %j', (argv, message) => {
    expect(() => load(argv)).toThrow(message);
  });
});
