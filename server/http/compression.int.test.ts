import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Router } from './router';
import { acceptsGzip, createHttpServer } from './server';

const big = { items: Array.from({ length: 5000 }, (_, i) => ({ id: `svc-${i}`, namespace: `ns-${i % 10}` })) };
const bigText = new TextEncoder().encode(JSON.stringify(big));
let server: http.Server;
let base: string;

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(base + path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const router = new Router();
  router.add(
    { method: 'GET', path: '/api/big', handler: async () => ({ body: big }) },
    { method: 'GET', path: '/api/big-bytes', handler: async () => ({ text: bigText, contentType: 'application/json; charset=utf-8' }) },
    { method: 'GET', path: '/api/small', handler: async () => ({ body: { ok: true } }) },
  );
  ({ server } = createHttpServer({ router, log: pino({ level: 'silent' }), registry: new Registry(), state: { ready: true } }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('answer compression', () => {
  it.each(['/api/big', '/api/big-bytes'])('gzips a large answer (%s) for a client that accepts it, and the bytes unzip to the same JSON', async (p) => {
    const res = await get(p, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('accept-encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(bigText.length / 5);
    expect(JSON.parse(gunzipSync(res.body).toString('utf8'))).toEqual(big);
  });

  it('sends identity to clients without gzip, for small answers and for HEAD', async () => {
    const plain = await get('/api/big');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString('utf8'))).toEqual(big);
    const refused = await get('/api/big', { 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    const small = await get('/api/small', { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toEqual({ ok: true });
    const head = await get('/api/big', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it.each([
    ['gzip', true],
    ['GZIP;q=0.5', true],
    ['br, *', true],
    ['gzip;q=0', false],
    ['deflate, br', false],
    ['', false],
  ])('reads Accept-Encoding %j as gzip=%s', (h, want) => {
    expect(acceptsGzip({ headers: { 'accept-encoding': h } } as unknown as http.IncomingMessage)).toBe(want);
  });
});
