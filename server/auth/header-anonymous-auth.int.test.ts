import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeKubeAuthApi } from './testing/fake-kube-auth-api';
import { startAuthApiServer, type AuthFixture } from './testing/auth-api-server';

const VS = '/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService/reviews';
const labelPatch = { metadata: { labels: { touched: 'yes' } } };

let kube: FakeKubeAuthApi;
const open: AuthFixture[] = [];
const start = async (...args: Parameters<typeof startAuthApiServer>) => {
  const f = await startAuthApiServer(...args);
  open.push(f);
  return f;
};

beforeAll(async () => {
  kube = await FakeKubeAuthApi.start();
  kube.addUser('proxy-token', { username: 'system:serviceaccount:auth:oauth-proxy' }, { verbs: ['impersonate'], groups: [''], resources: ['users', 'groups'] });
  kube.addUser('carol-token', { username: 'carol', groups: ['readers'] }, { verbs: ['list'], groups: [''], resources: ['namespaces'] });
  // carol as the proxy impersonates her: she may change routing in bookinfo.
  kube.rules.push({ subject: 'carol', verbs: ['update', 'patch'], groups: ['networking.istio.io'], resources: ['virtualservices'], namespaces: ['bookinfo'] });
  kube.addUser('dave-token', { username: 'dave' });
});

afterAll(async () => {
  for (const f of open) await f.close();
  await kube?.close();
});

describe('header mode (behind an authenticating proxy)', () => {
  it('needs a bearer token, checked with a TokenReview', async () => {
    const m = await start({ strategy: 'header', kubeApi: kube.url });
    const none = await m.call('GET', '/api/namespaces');
    expect(none.status).toBe(401);
    expect(none.body.error?.message).toMatch(/authenticating proxy/);
    expect((await m.call('GET', '/api/namespaces', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    expect((await m.call('GET', '/api/namespaces', { headers: { authorization: 'Bearer stolen' } })).status).toBe(401);
    const ok = await m.call('GET', '/api/auth/info', { headers: { authorization: 'Bearer carol-token' } });
    expect(ok.body).toMatchObject({ strategy: 'header', user: { name: 'carol', groups: ['readers'] } });
  });

  it('acts as the impersonated user when the proxy may impersonate, and refuses otherwise', async () => {
    const m = await start({ strategy: 'header', kubeApi: kube.url });
    const asCarol = { authorization: 'Bearer proxy-token', 'impersonate-user': 'carol', 'impersonate-group': 'readers' };
    const info = await m.call('GET', '/api/auth/info', { headers: asCarol });
    expect(info.body).toMatchObject({ user: { name: 'carol', groups: ['readers'] } });
    const write = await m.call('PATCH', VS, { headers: asCarol, body: labelPatch });
    expect(write.status, JSON.stringify(write.body)).toBe(200);
    const ssar = kube.seen.filter((s) => s.path.endsWith('/selfsubjectaccessreviews') && s.impersonateUser === 'carol');
    expect(ssar.length).toBeGreaterThan(0);
    const h = await m.call('GET', '/api/istio/history?limit=1', { headers: asCarol });
    expect((h.body.entries as { user: string }[])[0]?.user).toBe('carol');
    const forged = await m.call('GET', '/api/namespaces', { headers: { authorization: 'Bearer dave-token', 'impersonate-user': 'carol' } });
    expect(forged.status).toBe(403);
    expect(forged.body.error?.message).toMatch(/dave may not impersonate user carol/);
  });

  it('hands the caller\'s credentials to code deep in the handler (for the Kubernetes store\'s writes)', async () => {
    const m = await start({ strategy: 'header', kubeApi: kube.url });
    const as = await m.call('GET', '/api/testing/caller', { headers: { authorization: 'Bearer proxy-token', 'impersonate-user': 'carol' } });
    expect(as.body).toEqual({ token: 'pro…', impersonate: { user: 'carol', groups: [] } });
    const anon = await start({ strategy: 'anonymous' });
    expect((await anon.call('GET', '/api/testing/caller')).body).toEqual({ token: null, impersonate: null });
  });

  it('refuses a write RBAC does not allow', async () => {
    const m = await start({ strategy: 'header', kubeApi: kube.url });
    const r = await m.call('DELETE', VS, { headers: { authorization: 'Bearer dave-token' } });
    expect(r.status).toBe(403);
    expect(r.body.error?.message).toMatch(/RBAC does not allow dave to delete virtualservices/);
  });

  it('takes Meshlens\'s own credentials for TokenReview from the kubeconfig, never for access reviews', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'meshlens-kc-'));
    const kubeconfig = path.join(dir, 'kubeconfig');
    await writeFile(kubeconfig, `apiVersion: v1\nkind: Config\nclusters:\n- name: fake\n  cluster:\n    server: ${kube.url}\n    insecure-skip-tls-verify: true\nusers:\n- name: meshlens\n  user:\n    token: reviewer-secret\ncontexts:\n- name: fake\n  context: {cluster: fake, user: meshlens}\ncurrent-context: fake\n`);
    kube.reviewerToken = 'reviewer-secret';
    try {
      const m = await start({ strategy: 'header' }, { kubeconfig });
      const before = kube.seen.length;
      const r = await m.call('PATCH', VS, { headers: { authorization: 'Bearer dave-token' }, body: labelPatch });
      expect(r.status, JSON.stringify(r.body)).toBe(403);
      const calls = kube.seen.slice(before);
      expect(calls.find((c) => c.path.endsWith('/tokenreviews'))?.authorization).toBe('Bearer reviewer-secret');
      expect(calls.filter((c) => c.path.endsWith('/selfsubjectaccessreviews')).every((c) => c.authorization === 'Bearer dave-token')).toBe(true);
    } finally {
      kube.reviewerToken = undefined;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('answers 503 with a reason when the API server cannot be reached', async () => {
    const m = await start({ strategy: 'header', kubeApi: 'http://127.0.0.1:1' });
    const r = await m.call('GET', '/api/namespaces', { headers: { authorization: 'Bearer carol-token' } });
    expect(r.status).toBe(503);
    expect(r.body.error?.message).toMatch(/cannot check the token: cannot reach the Kubernetes API server/);
  });
});

describe('anonymous mode and the file store rules', () => {
  it('is view-only off loopback unless anonymous writes are allowed', async () => {
    const m = await start({ strategy: 'anonymous', anonymousWrites: false });
    expect((await m.call('GET', '/api/namespaces')).status).toBe(200);
    const r = await m.call('PATCH', VS, { body: labelPatch });
    expect(r.status).toBe(403);
    expect(r.body.error?.message).toMatch(/--allow-anonymous-writes/);
    expect((await m.call('GET', '/api/auth/info')).body).toMatchObject({ strategy: 'anonymous', user: null, canWrite: false });
    // Validation is a read, whatever its method.
    expect((await m.call('POST', '/api/istio/validate', { body: [] })).status).not.toBe(403);
    const w = await start({ strategy: 'anonymous', anonymousWrites: true });
    expect((await w.call('PATCH', VS, { body: labelPatch })).status).toBe(200);
  });

  it('refuses every write with --view-only', async () => {
    const m = await start({ strategy: 'anonymous', anonymousWrites: true, viewOnly: true });
    const r = await m.call('DELETE', VS);
    expect(r.status).toBe(403);
    expect(r.body.error?.message).toMatch(/view-only/);
  });

  it('lets only the editors list write', async () => {
    const m = await start({ strategy: 'header', kubeApi: kube.url, editors: ['group:ops', 'erin'] });
    const r = await m.call('PATCH', VS, { headers: { authorization: 'Bearer proxy-token', 'impersonate-user': 'carol' }, body: labelPatch });
    expect(r.status).toBe(403);
    expect(r.body.error?.message).toMatch(/carol is not in the editors list/);
    const ops = await m.call('PATCH', VS, { headers: { authorization: 'Bearer proxy-token', 'impersonate-user': 'carol', 'impersonate-group': 'ops' }, body: labelPatch });
    expect(ops.status, JSON.stringify(ops.body)).toBe(200);
  });

  it('rate-limits span ingest per client with 429 and Retry-After, without asking anyone to sign in', async () => {
    const m = await start({ strategy: 'token', kubeApi: kube.url }, { limits: { ingest: { burst: 3, perSecond: 0.01 } } });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await m.call('POST', '/api/v2/spans', { body: [] })).status);
    expect(codes).toEqual([202, 202, 202, 429]);
  });
});
