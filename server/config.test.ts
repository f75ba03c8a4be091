import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

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
