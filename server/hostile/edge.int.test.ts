/**
 * The permanent hostile-input suite for the HTTP edge (Origin, Host, slow-loris, connection caps) and the embedded
 * scraper (endless and compressed bodies, huge labels and lines, series floods). Every case asserts its status or the
 * target's error, a bounded time, health under a second during the attack, and for the scraper bounded memory and a
 * graph answer that stays small.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScrapeTarget } from '../../lib/api/metrics';
import { startApiServer, type ApiFixture } from '../testing/api-server';
import { rawRequest, underAttack } from '../testing/hostile';
import { gzipBomb, runTargetAttack, slowLoris, type TargetAttack } from './edge-attacks';

const VS = '/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService';
const results: { attack: string; status: string; elapsedMs: number; worstHealthMs: number }[] = [];
const record = (attack: string, status: string | number, r: { elapsedMs: number; worstHealthMs: number }) =>
  void results.push({ attack, status: String(status), elapsedMs: Math.round(r.elapsedMs), worstHealthMs: Math.round(r.worstHealthMs) });

afterAll(() => {
  // The figures the report quotes: one line per attack.
  console.warn(results.map((r) => `${r.attack}\t${r.status}\t${r.elapsedMs} ms\thealth ${r.worstHealthMs} ms`).join('\n'));
});

describe('hostile input: Origin and Host', () => {
  let fx: ApiFixture;
  let host: string;
  let reviews: string;
  beforeAll(async () => {
    fx = await startApiServer();
    host = new URL(fx.url).host;
    reviews = JSON.stringify(((await fx.call('GET', `${VS}/reviews`)).body as { object: unknown }).object);
  });
  afterAll(() => fx.close());

  const write = (headers: Record<string, string>) => rawRequest(fx.url, 'PUT', `${VS}/reviews?dryRun=true`, { host, 'content-type': 'application/json', ...headers }, reviews);

  it.each([
    ['a 300-character Origin without the CSRF header', () => ({ origin: `http://${'a'.repeat(290)}.example` })],
    ['a 300-character Origin with the CSRF header', () => ({ origin: `http://${'a'.repeat(290)}.example`, 'x-meshlens-csrf': '1' })],
    ['a 4 KB Origin that starts like our own', () => ({ origin: `http://127.0.0.1/${'a'.repeat(4096)}`, 'x-meshlens-csrf': '1' })],
    ['a null Origin', () => ({ origin: 'null', 'x-meshlens-csrf': '1' })],
    ['our host over https', (h: string) => ({ origin: `https://${h}`, 'x-meshlens-csrf': '1' })],
    ['our host on another port', (h: string) => ({ origin: `http://127.0.0.1:${Number(h.split(':')[1]) + 1}`, 'x-meshlens-csrf': '1' })],
    ['an Origin with a path', (h: string) => ({ origin: `http://${h}/`, 'x-meshlens-csrf': '1' })],
    ['two Origins', (h: string) => ({ origin: `http://${h}, http://evil.example`, 'x-meshlens-csrf': '1' })],
    ['Sec-Fetch-Site without an Origin', () => ({ 'sec-fetch-site': 'same-origin', 'x-meshlens-csrf': '1' })],
  ])('refuses a browser write with %s (403)', async (what, headers) => {
    const r = await underAttack(fx.url, () => write(headers(host)));
    record(`write: ${what}`, r.value.status, r);
    expect(r.value.status).toBe(403);
    expect(JSON.parse(r.value.body).error.message).toMatch(/origin|Origin|cross-site/);
    expect(r.elapsedMs).toBeLessThan(2000);
    expect(r.worstHealthMs).toBeLessThan(1000);
  });

  it('refuses a cross-site text/plain span post with a long Origin (403), and keeps machine clients working', async () => {
    const r = await underAttack(fx.url, () => rawRequest(fx.url, 'POST', '/api/v2/spans', { host, 'content-type': 'text/plain', origin: `http://${'a'.repeat(290)}.example` }, '[]'));
    record('text/plain span post, long Origin', r.value.status, r);
    expect(r.value.status).toBe(403);
    expect(r.worstHealthMs).toBeLessThan(1000);
    // A write from our own origin, and a non-browser client without Origin, still go through.
    expect((await write({ origin: `http://${host}`, 'x-meshlens-csrf': '1' })).status).toBe(200);
    expect((await write({ origin: `http://localhost:${host.split(':')[1]}`, 'x-meshlens-csrf': '1' })).status).toBe(200);
    expect((await write({})).status).toBe(200);
  });

  it.each([
    ['a foreign Host', 'evil.example'],
    ['a foreign Host with our port', 'evil.example:PORT'],
    ['a rebinding name for a loopback IP', '127.0.0.1.nip.io:PORT'],
    ['a name ending in localhost', 'localhost.evil.example:PORT'],
    ['a decimal loopback IP', '2130706433:PORT'],
    ['an IPv6 address that is not loopback', '[::2]:PORT'],
    ['a link-local IPv6 with a zone', '[fe80::1%25eth0]:PORT'],
    ['an unterminated IPv6 literal', '[::1:PORT'],
    ['a Host with userinfo', 'user@127.0.0.1:PORT'],
    ['a 4 KB Host', `${'h'.repeat(4096)}:PORT`],
  ])('answers %s with 421 on the API, pages and health', async (what, value) => {
    const h = value.replace('PORT', host.split(':')[1] as string);
    const r = await underAttack(fx.url, () => Promise.all(['/api/namespaces', '/graph', '/api/health', '/metrics'].map((p) => rawRequest(fx.url, 'GET', p, { host: h }))));
    record(`Host: ${what}`, r.value.map((a) => a.status).join('/'), r);
    for (const a of r.value) {
      expect(a.status).toBe(421);
      expect(JSON.parse(a.body).error.message.length).toBeGreaterThan(10);
    }
    expect(r.elapsedMs).toBeLessThan(2000);
    expect(r.worstHealthMs).toBeLessThan(1000);
  });

  it.each([
    ['127.0.0.1:PORT'],
    ['localhost:PORT'],
    ['[::1]:PORT'],
    ['[::ffff:127.0.0.1]:PORT'],
    ['LOCALHOST.:PORT'],
    ['localhost:8080'],
  ])('answers the loopback Host %s', async (value) => {
    const a = await rawRequest(fx.url, 'GET', '/api/namespaces', { host: value.replace('PORT', host.split(':')[1] as string) });
    expect(a.status).toBe(200);
  });

  it('answers --allowed-hosts and --public-url hosts, and takes writes from the public origin only', async () => {
    const other = await startApiServer({ allowedHosts: ['meshlens.istio-system'], publicUrls: ['https://meshlens.example.com'] });
    try {
      const get = (h: string) => rawRequest(other.url, 'GET', '/api/namespaces', { host: h });
      expect((await get('meshlens.istio-system:3000')).status).toBe(200);
      expect((await get('meshlens.example.com')).status).toBe(200);
      expect((await get('evil.example')).status).toBe(421);
      const put = (origin: string) => rawRequest(other.url, 'PUT', `${VS}/reviews?dryRun=true`, { host: 'meshlens.example.com', 'content-type': 'application/json', origin, 'x-meshlens-csrf': '1' }, reviews);
      expect((await put('https://meshlens.example.com')).status).toBe(200);
      expect((await put('http://meshlens.example.com')).status).toBe(403);
      expect((await put('https://meshlens.istio-system')).status).toBe(403);
    } finally {
      await other.close();
    }
  });
});

describe('hostile input: slow clients', () => {
  let fx: ApiFixture;
  beforeAll(async () => {
    fx = await startApiServer();
  });
  afterAll(() => fx.close());

  it('drops slow-loris header senders within the headers timeout while health stays fast', async () => {
    const r = await underAttack(fx.url, () => slowLoris(fx.url, { count: 64, dripMs: 500, giveUpMs: 20_000 }));
    record('slow-loris headers, 64 sockets', `closed ${r.value.closed}/64`, r);
    expect(r.value.closed).toBe(64);
    // headersTimeout 10 s, checked every second.
    expect(r.value.allClosedMs).toBeLessThan(13_000);
    expect(r.worstHealthMs).toBeLessThan(1000);
  });

  it('caps the connections one client address holds (429), without touching other addresses', async () => {
    const r = await underAttack(fx.url, () => slowLoris(fx.url, { count: 300, dripMs: 2000, giveUpMs: 3000 }));
    record('300 idle connections from one address', `429 x ${r.value.refused429}`, r);
    expect(r.value.refused429).toBe(300 - 256);
    expect(r.worstHealthMs).toBeLessThan(1000);
    expect((await fx.call('GET', '/api/health')).status).toBe(200);
  });

  it('never runs a request sent on a connection it refused with 429', async () => {
    const get = async () => ((await fx.call('GET', `${VS}/reviews`)).body as { resourceVersion: string; object: { spec: unknown } });
    const before = await get();
    const changed = JSON.stringify({ ...before.object, spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }] } });
    const holding = slowLoris(fx.url, { count: 256, dripMs: 2000, giveUpMs: 2500 });
    await new Promise((r) => setTimeout(r, 1000));
    const u = new URL(fx.url);
    const answer = await new Promise<string>((resolve) => {
      const s = net.connect({ host: u.hostname, port: Number(u.port), localAddress: '127.0.0.2' }, () => {
        s.write(`PUT ${VS}/reviews HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(changed)}\r\n\r\n${changed}`);
      });
      let text = '';
      s.on('data', (d: Buffer) => (text += d.toString('latin1')));
      s.on('close', () => resolve(text));
      s.on('error', () => undefined);
    });
    await holding;
    expect(answer).toMatch(/^HTTP\/1.1 429/);
    expect((await get()).resourceVersion).toBe(before.resourceVersion);
  });
});

describe('hostile input: scrape targets', () => {
  let bomb: Buffer;
  beforeAll(async () => {
    bomb = await gzipBomb(1024 * 1024 * 1024);
  });

  // attack, reason, target still up, message, RSS growth bound (MB), time bound (ms; a million new series is real work).
  const cases: [TargetAttack, ScrapeTarget['limited'][number]['reason'], boolean, RegExp, number, number][] = [
    ['endless-chunked', 'body_too_large', false, /over the 67108864-byte limit/, 400, 15_000],
    ['gzip-bomb', 'body_too_large', false, /after decompression \(gzip\)/, 400, 15_000],
    ['huge-label', 'line_too_long', true, /over the 65536 limit/, 200, 15_000],
    ['long-label', 'label_too_long', true, /label destination_workload is over the 2048-character limit/, 200, 15_000],
    ['million-series', 'too_many_series', true, /more than 100000 series/, 900, 45_000],
    ['megabyte-line', 'line_too_long', true, /over the 65536 limit/, 200, 15_000],
  ];

  it.each(cases)('survives a %s target (%s), health under 1 s, memory and graph bounded', async (attack, reason, up, message, maxRssMb, maxMs) => {
    const run = await runTargetAttack(attack, { bomb, maxMs });
    const t = run.target;
    record(`scrape target: ${attack}`, `${t.up ? 'up, limited' : 'down'}: ${reason} (RSS +${Math.round(run.peakRssMb)} MB)`, run);
    expect(t.up).toBe(up);
    expect(t.limited.map((l) => l.reason)).toContain(reason);
    expect(t.limited.find((l) => l.reason === reason)?.message).toMatch(message);
    if (!up) expect(t.lastError).toMatch(message);
    if (attack === 'million-series') expect(t.series).toBeLessThanOrEqual(100_000 + 1000);
    expect(run.elapsedMs).toBeLessThan(maxMs);
    expect(run.worstHealthMs).toBeLessThan(1000);
    expect(run.peakRssMb).toBeLessThan(maxRssMb);
    expect(run.metrics).toContain(`meshlens_scrape_limit_refusals_total{target="${new URL(t.url).host}",reason="${reason}"}`);
    // The graph answer stays the size of the honest mesh, with none of the hostile text.
    expect(run.graph.status).toBe(200);
    expect(run.graph.text.length).toBeLessThan(100_000);
    expect(run.graph.text).not.toMatch(/x{1000}|y{1000}|p{1000}/);
    expect(run.graph.text).toContain('productpage-v1');
  });
});
