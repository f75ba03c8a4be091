import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiFixture } from './api-server';
import { rawRequest, underAttack } from './hostile';

describe('hostile-input harness', () => {
  let fx: ApiFixture;
  beforeAll(async () => {
    fx = await startApiServer();
  });
  afterAll(() => fx.close());

  it('sees a quiet server answer health fast', async () => {
    const r = await underAttack(fx.url, () => new Promise((res) => setTimeout(() => res('done'), 300)));
    expect(r.value).toBe('done');
    expect(r.probes).toBeGreaterThan(0);
    expect(r.worstHealthMs).toBeLessThan(1000);
  });

  it('measures a blocked event loop as a slow health answer', async () => {
    const r = await underAttack(fx.url, async () => {
      await new Promise((res) => setTimeout(res, 60));
      const until = Date.now() + 700; // the server runs in this process: block its loop
      while (Date.now() < until);
      await new Promise((res) => setTimeout(res, 60));
    });
    expect(r.worstHealthMs).toBeGreaterThan(500);
  });

  it('sends raw requests with headers fetch would refuse', async () => {
    const a = await rawRequest(fx.url, 'GET', '/api/health', { host: '127.0.0.1' });
    expect(a.status).toBe(200);
    expect(JSON.parse(a.body)).toMatchObject({ status: 'ok' });
  });
});
