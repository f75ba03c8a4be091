import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiFixture } from '../testing/api-server';
import { FakeKubeAuthApi } from './testing/fake-kube-auth-api';

/** Token mode through the real start-up path (server/main.ts's startServer), not a test composition. */
const KEY = path.join(os.tmpdir(), `meshlens-main-wiring-${process.pid}.key`);

describe('startServer with --auth token', () => {
  let kube: FakeKubeAuthApi;
  let f: ApiFixture;
  beforeAll(async () => {
    kube = await FakeKubeAuthApi.start();
    kube.addUser('carol-token', { username: 'carol', groups: [] },
      { verbs: ['list'], groups: [''], resources: ['namespaces'] },
      { verbs: ['get', 'list'], groups: ['networking.istio.io'], resources: ['*'], namespaces: ['bookinfo'] });
    f = await startApiServer({
      auth: { strategy: 'token', kubeApi: kube.url, anonymousWrites: false, viewOnly: false, editors: [], sessionTtlMs: 3_600_000, sessionKeyFile: KEY },
    });
  });
  afterAll(async () => {
    await f?.close();
    await kube?.close();
    await rm(KEY, { force: true });
  });

  it('refuses anonymous API calls, signs in with a token, and refuses a write RBAC does not allow', async () => {
    expect((await f.call('GET', '/api/istio/config')).status).toBe(401);
    expect((await f.call('GET', '/api/health')).status).toBe(200);
    const login = await fetch(`${f.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'carol-token' }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^meshlens-session=/);
    const list = await f.call('GET', '/api/istio/config?namespaces=bookinfo', undefined, { cookie });
    expect(list.status).toBe(200);
    const shift = await f.call('PUT', '/api/namespaces/bookinfo/services/reviews/traffic-shift', { weights: { v1: 100 } }, { cookie });
    expect(shift.status).toBe(403);
    expect((shift.body as { error: { message: string } }).error.message).toMatch(/carol/);
  });
});
