import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeKubeAuthApi } from './testing/fake-kube-auth-api';
import { cookieOf, startAuthApiServer, type AuthFixture } from './testing/auth-api-server';

const VS = '/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService/reviews';
const SYSTEM_GW = '/api/namespaces/istio-system/istio/networking.istio.io/v1/Gateway/anything';
const labelPatch = { metadata: { labels: { touched: 'yes' } } };

let kube: FakeKubeAuthApi;
let m: AuthFixture;

beforeAll(async () => {
  kube = await FakeKubeAuthApi.start();
  // alice sees bookinfo only and may read its routing; bob lists every namespace and may change routing in bookinfo.
  kube.addUser('alice-token', { username: 'alice', groups: ['dev'] },
    { verbs: ['get', 'list', 'watch'], groups: [''], resources: ['pods', 'namespaces'], namespaces: ['bookinfo'] },
    { verbs: ['get', 'list'], groups: ['networking.istio.io'], resources: ['*'], namespaces: ['bookinfo'] });
  kube.addUser('bob-token', { username: 'bob@example.com', groups: ['ops'] },
    { verbs: ['list'], groups: [''], resources: ['namespaces'] },
    { verbs: ['*'], groups: ['networking.istio.io'], resources: ['*'], namespaces: ['bookinfo'] });
  m = await startAuthApiServer({ strategy: 'token', kubeApi: kube.url, anonymousWrites: false }, { limits: { login: { burst: 100, perSecond: 1 } } });
});

afterAll(async () => {
  await m?.close();
  await kube?.close();
});

const signIn = async (token: string, headers: Record<string, string> = {}) => {
  const r = await m.call('POST', '/api/auth/login', { body: { token }, headers });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { cookie: cookieOf(r.headers), res: r };
};

describe('token mode', () => {
  it('answers 401 with a message to API calls without a session, but keeps health open', async () => {
    const r = await m.call('GET', '/api/namespaces');
    expect(r.status).toBe(401);
    expect(r.body.error).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/sign in/) });
    expect((await m.call('GET', '/api/health')).status).toBe(200);
    expect((await m.call('GET', '/api/auth/info')).body).toMatchObject({ strategy: 'token', user: null, canWrite: false, loginPath: '/login' });
  });

  it('generated a random 32-byte session key with mode 0600 in the fresh data dir', async () => {
    const file = path.join(m.dataDir, 'session.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')).toHaveLength(32);
  });

  it('signs in with a token the API server accepts and sets a strict cookie', async () => {
    const { cookie, res } = await signIn('alice-token');
    expect(res.body).toMatchObject({ user: { name: 'alice', groups: ['dev'] }, expiresAt: expect.any(String) });
    const set = res.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/^meshlens-session=v1\.[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=3600$/);
    expect(set).not.toContain('alice-token');
    const info = await m.call('GET', '/api/auth/info', { cookie });
    expect(info.body).toMatchObject({ strategy: 'token', user: { name: 'alice' }, canWrite: true });
    // The TokenReview carried the token under review, in the body only.
    expect(kube.seen.some((s) => s.path.endsWith('/tokenreviews') && JSON.stringify(s.body).includes('alice-token'))).toBe(true);
  });

  it('keeps a long token with many groups in one cookie, and refuses one that cannot fit', async () => {
    const long = `long-${'x'.repeat(2_000)}`;
    kube.addUser(long, { username: 'grace', groups: Array.from({ length: 80 }, (_, i) => `team-${i}-with-a-long-name`) }, { verbs: ['list'], groups: [''], resources: ['namespaces'] });
    const { cookie } = await signIn(long);
    expect(cookie.length).toBeLessThan(4_000);
    expect((await m.call('GET', '/api/auth/info', { cookie })).body).toMatchObject({ user: { name: 'grace', groups: expect.arrayContaining(['team-79-with-a-long-name']) } });
    const huge = `huge-${'x'.repeat(4_000)}`;
    kube.addUser(huge, { username: 'heidi' });
    const r = await m.call('POST', '/api/auth/login', { body: { token: huge } });
    expect(r.status).toBe(400);
    expect(r.body.error?.message).toMatch(/too long to keep in a browser cookie/);
  });

  it('marks the cookie Secure behind TLS', async () => {
    const { res } = await signIn('bob-token', { 'x-forwarded-proto': 'https' });
    expect(res.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('refuses a token the API server does not accept', async () => {
    const r = await m.call('POST', '/api/auth/login', { body: { token: 'nobody-token' } });
    expect(r.status).toBe(401);
    expect(r.body.error?.message).toMatch(/did not accept this token/);
    expect((await m.call('POST', '/api/auth/login', { body: { nope: 1 } })).status).toBe(400);
  });

  it('hides namespaces the user cannot list, everywhere', async () => {
    const { cookie } = await signIn('alice-token');
    const ns = await m.call('GET', '/api/namespaces', { cookie });
    expect((ns.body as unknown as { name: string }[]).map((n) => n.name)).toEqual(['bookinfo']);
    const config = await m.call('GET', '/api/istio/config', { cookie });
    const namespaces = new Set((config.body.items as { object: { metadata: { namespace?: string } } }[]).map((i) => i.object.metadata.namespace));
    expect([...namespaces]).toEqual(['bookinfo']);
    const overview = await m.call('GET', '/api/overview', { cookie });
    expect((overview.body.namespaces as { name: string }[]).map((n) => n.name)).toEqual(['bookinfo']);
    const direct = await m.call('GET', SYSTEM_GW, { cookie });
    expect(direct.status).toBe(404);
    expect(direct.body.error?.message).toMatch(/istio-system/);
    expect((await m.call('GET', '/api/istio/config?namespaces=istio-system', { cookie })).status).toBe(404);
    // bob may list namespaces cluster-wide: he sees both.
    const bob = await signIn('bob-token');
    const all = await m.call('GET', '/api/namespaces', { cookie: bob.cookie });
    expect((all.body as unknown as { name: string }[]).map((n) => n.name)).toEqual(expect.arrayContaining(['bookinfo', 'istio-system']));
  });

  it('cuts spans of namespaces the user cannot list out of a trace', async () => {
    const traceId = 'aaaabbbbccccdddd0000111122223333';
    const now = Date.now() * 1000;
    const span = (id: string, parentId: string | undefined, serviceName: string) => ({
      traceId, id, ...(parentId ? { parentId } : {}), name: `${serviceName} op`, kind: 'SERVER', timestamp: now, duration: 1000, localEndpoint: { serviceName },
    });
    const spans = [span('00000000000000a1', undefined, 'istio-ingressgateway.istio-system'), span('00000000000000a2', '00000000000000a1', 'productpage.bookinfo')];
    const posted = await m.call('POST', '/api/v2/spans', { body: spans });
    expect(posted.status, JSON.stringify(posted.body)).toBe(202);
    const alice = await signIn('alice-token');
    const bob = await signIn('bob-token');
    type T = { data: { spans: { spanID: string }[]; processes: Record<string, { serviceName: string }>; warnings?: string[] | null }[] };
    const forAlice = await m.call('GET', `/api/traces/${traceId}`, { cookie: alice.cookie });
    expect(forAlice.status, JSON.stringify(forAlice.body)).toBe(200);
    const a = (forAlice.body as unknown as T).data[0];
    expect(a?.spans.map((s) => s.spanID)).toEqual(['00000000000000a2']);
    expect(Object.values(a?.processes ?? {}).map((p) => p.serviceName)).toEqual(['productpage.bookinfo']);
    expect(a?.warnings).toEqual(['1 span from namespaces you may not see is hidden']);
    const forBob = await m.call('GET', `/api/traces/${traceId}`, { cookie: bob.cookie });
    expect((forBob.body as unknown as T).data[0]?.spans).toHaveLength(2);
  });

  it('refuses a viewer write with 403 and the reason, asked of the API server with her own token', async () => {
    const { cookie } = await signIn('alice-token');
    const before = kube.seen.length;
    const r = await m.call('PATCH', VS, { cookie, body: labelPatch });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/RBAC does not allow alice to patch virtualservices.networking.istio.io "reviews" in namespace bookinfo/) });
    const review = kube.seen.slice(before).find((s) => s.path.endsWith('/selfsubjectaccessreviews'));
    expect(review?.authorization).toBe('Bearer alice-token');
  });

  it('lets an editor write and records the user in the history, whatever header the client sends', async () => {
    const { cookie } = await signIn('bob-token');
    const r = await m.call('PATCH', VS, { cookie, body: labelPatch, headers: { 'x-meshlens-user': 'mallory' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const h = await m.call('GET', '/api/istio/history?limit=1', { cookie });
    expect((h.body.entries as { user: string }[])[0]?.user).toBe('bob@example.com');
  });

  it('signs out: the cookie is cleared and the old one no longer works', async () => {
    const { cookie } = await signIn('bob-token');
    const out = await m.call('POST', '/api/auth/logout', { cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^meshlens-session=; .*Max-Age=0/);
    expect((await m.call('GET', '/api/namespaces', { cookie })).status).toBe(401);
  });

  it('expires sessions after the TTL, and treats a tampered cookie as signed out', async () => {
    const { cookie } = await signIn('bob-token');
    expect((await m.call('GET', '/api/namespaces', { cookie })).status).toBe(200);
    const tampered = cookie.slice(0, -4) + (cookie.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await m.call('GET', '/api/namespaces', { cookie: tampered })).status).toBe(401);
    m.clock.advance(3_600_001);
    expect((await m.call('GET', '/api/namespaces', { cookie })).status).toBe(401);
  });

  it('ends the session within a minute, or at once, when the cluster stops accepting the token', async () => {
    kube.addUser('short-lived-token', { username: 'eve' }, { verbs: ['list'], groups: [''], resources: ['namespaces'] });
    const { cookie } = await signIn('short-lived-token');
    kube.tokens.delete('short-lived-token');
    // Access reviews go with her token, so anything that asks one notices at once...
    const listed = await m.call('GET', '/api/namespaces', { cookie });
    expect(listed.status).toBe(401);
    expect(listed.body.error?.message).toMatch(/no longer accepts your token/);
    // ...and routes that need none notice when the cached TokenReview runs out.
    expect((await m.call('POST', '/api/istio/validate', { cookie, body: [] })).status).toBe(200);
    m.clock.advance(61_000);
    const r = await m.call('POST', '/api/istio/validate', { cookie, body: [] });
    expect(r.status).toBe(401);
    expect(r.body.error?.message).toMatch(/no longer accepts your token/);
  });

  it('applies the CSRF rule to sign-in and sign-out', async () => {
    const cross = await m.call('POST', '/api/auth/login', { body: { token: 'bob-token' }, headers: { origin: 'http://evil.example', 'x-meshlens-csrf': '1' } });
    expect(cross.status).toBe(403);
    expect(cross.body.error?.message).toMatch(/cross-origin/);
    const noHeader = await m.call('POST', '/api/auth/logout', { headers: { origin: m.url } });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.error?.message).toMatch(/X-Meshlens-Csrf/);
    const ok = await m.call('POST', '/api/auth/logout', { headers: { origin: m.url, 'x-meshlens-csrf': '1' } });
    expect(ok.status).toBe(200);
  });

  it('rate-limits sign-in per client with 429 and Retry-After, good tokens included', async () => {
    const strict = await startAuthApiServer({ strategy: 'token', kubeApi: kube.url }, { limits: { login: { burst: 2, perSecond: 0.01 } } });
    try {
      const codes = [];
      for (const token of ['wrong', 'wrong', 'bob-token']) codes.push((await strict.call('POST', '/api/auth/login', { body: { token } })).status);
      expect(codes).toEqual([401, 401, 429]);
      const last = await strict.call('POST', '/api/auth/login', { body: { token: 'bob-token' } });
      expect(last.body.error).toMatchObject({ code: 'too_many_requests', message: expect.stringMatching(/too many sign-in attempts/) });
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await strict.close();
    }
  });

  it('sends security headers on every answer', async () => {
    const r = await m.call('GET', '/api/health');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  });
});
