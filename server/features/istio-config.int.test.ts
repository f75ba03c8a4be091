import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiFixture } from '../testing/api-server';

const VS = '/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService';
type Json = Record<string, unknown> & { object?: Record<string, unknown>; validations?: { code: string; level: string; path?: string }[]; messages?: { code: string }[]; error?: { code: string; message: string } };

describe('Istio config API on the file store', () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await startApiServer();
  });
  afterAll(() => f.close());

  it('lists Istio objects with validations and counts', async () => {
    const r = await f.call('GET', '/api/istio/config?namespaces=bookinfo&validate=true');
    expect(r.status).toBe(200);
    const body = r.body as { items: { object: { kind: string; metadata: { name: string } } }[]; counts: { errors: number } };
    const names = body.items.map((i) => `${i.object.kind}/${i.object.metadata.name}`);
    expect(names).toContain('VirtualService/reviews');
    expect(names).toContain('DestinationRule/reviews');
    expect(names).not.toContain('Service/reviews'); // Kubernetes objects are inputs to validation, not listed
    expect(body.counts.errors).toBe(0);
  });

  it('answers an unknown namespace in the list with a 404 and a message (CONTRACT §3)', async () => {
    const r = await f.call('GET', '/api/istio/config?namespaces=nope');
    expect(r.status).toBe(404);
    expect((r.body as Json).error?.message).toContain('no namespace "nope"');
  });

  it('gets one object with its resourceVersion, and 404s unknown ones', async () => {
    const r = await f.call('GET', `${VS}/reviews`);
    expect(r.status).toBe(200);
    expect((r.body as Json).resourceVersion).toMatch(/^\d+$/);
    expect((await f.call('GET', `${VS}/nope`)).status).toBe(404);
  });

  it('refuses a write that would add an error with 422 and the messages, unless forced; dryRun writes nothing', async () => {
    const cur = (await f.call('GET', `${VS}/reviews`)).body as Json;
    const obj = structuredClone(cur.object) as { spec: { http: { route: { destination: { subset: string } }[] }[] } };
    (obj.spec.http[0]?.route[1] as { destination: { subset: string } }).destination.subset = 'v4';
    const r = await f.call('PUT', `${VS}/reviews`, obj);
    expect(r.status).toBe(422);
    expect((r.body as Json).messages?.map((m) => m.code)).toContain('IST0101');
    const dry = await f.call('PUT', `${VS}/reviews?dryRun=true&force=true`, obj);
    expect(dry.status).toBe(200);
    expect((dry.body as Json).dryRun).toBe(true);
    expect(((await f.call('GET', `${VS}/reviews`)).body as Json).resourceVersion).toBe(cur.resourceVersion);
  });

  it('replaces with a fresh resourceVersion and answers 409 to a stale one', async () => {
    const cur = (await f.call('GET', `${VS}/reviews`)).body as Json;
    const obj = structuredClone(cur.object) as { metadata: Record<string, unknown>; spec: { http: { route: { weight: number }[] }[] } };
    const route = obj.spec.http[0]?.route ?? [];
    (route[0] as { weight: number }).weight = 50;
    (route[1] as { weight: number }).weight = 25;
    (route[2] as { weight: number }).weight = 25;
    obj.metadata.resourceVersion = cur.resourceVersion;
    const ok = await f.call('PUT', `${VS}/reviews`, obj);
    expect(ok.status).toBe(200);
    expect((ok.body as Json).resourceVersion).not.toBe(cur.resourceVersion);
    const stale = await f.call('PUT', `${VS}/reviews`, obj);
    expect(stale.status).toBe(409);
    expect((stale.body as Json).error?.code).toBe('conflict');
    const onDisk = await readFile(path.join(f.configDir, '60-virtual-services.yaml'), 'utf8');
    expect(onDisk).toMatch(/weight: 50/);
    expect(onDisk).toMatch(/name: productpage/); // the other documents of the file are kept
    expect(onDisk).toMatch(/^# Routing for the demo/); // and the comment above the replaced one
  });

  it('creates from YAML, merge-patches, deletes, and journals each write with a diff', async () => {
    const yaml = `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: ratings-canary\nspec:\n  hosts: [ratings.example.com]\n  http:\n  - route:\n    - destination: {host: ratings, subset: v1}\n`;
    const created = await f.call('POST', VS, yaml);
    expect(created.status).toBe(201);
    expect(((created.body as Json).object as { metadata: { namespace: string } }).metadata.namespace).toBe('bookinfo');
    expect((await f.call('POST', VS, yaml)).status).toBe(409);
    const patched = await f.call('PATCH', `${VS}/ratings-canary`, { spec: { http: [{ timeout: '2s', route: [{ destination: { host: 'ratings', subset: 'v1' } }] }] } }, { 'content-type': 'application/merge-patch+json' });
    expect(patched.status).toBe(200);
    expect(((patched.body as Json).object as { spec: { http: { timeout: string }[] } }).spec.http[0]?.timeout).toBe('2s');
    expect((await f.call('DELETE', `${VS}/ratings-canary`)).status).toBe(200);
    expect((await f.call('GET', `${VS}/ratings-canary`)).status).toBe(404);
    const hist = (await f.call('GET', '/api/istio/history?name=ratings-canary')).body as { entries: { id: number; action: string; user: string }[] };
    expect(hist.entries.map((e) => e.action)).toEqual(['delete', 'patch', 'create']);
    const patch = (await f.call('GET', `/api/istio/history/${hist.entries[1]?.id}`)).body as { diff: string };
    expect(patch.diff).toMatch(/^\+.*timeout: 2s$/m);
  });

  it('rolls back to an entry (undo restores the state before it)', async () => {
    const hist = (await f.call('GET', '/api/istio/history?name=reviews&kind=VirtualService')).body as { entries: { id: number }[] };
    const id = hist.entries[0]?.id;
    const r = await f.call('POST', `/api/istio/history/${id}/rollback`);
    expect(r.status).toBe(200);
    const vs = ((await f.call('GET', `${VS}/reviews`)).body as Json).object as { spec: { http: { route: { weight: number }[] }[] } };
    expect(vs.spec.http[0]?.route.map((d) => d.weight)).toEqual([80, 10, 10]);
    expect((await f.call('POST', '/api/istio/history/99999/rollback')).status).toBe(404);
  });

  it('refuses deleting a DestinationRule whose subsets are in use (422) unless forced', async () => {
    const r = await f.call('DELETE', '/api/namespaces/bookinfo/istio/networking.istio.io/v1/DestinationRule/reviews');
    expect(r.status).toBe(422);
  });

  it.each([
    ['malformed JSON', 'PUT', `${VS}/reviews`, '{"kind":', { 'content-type': 'application/json' }, 400],
    ['malformed YAML', 'POST', VS, 'a: [1,\n', { 'content-type': 'application/yaml' }, 400],
    ['a list body', 'POST', VS, '[1,2]', { 'content-type': 'application/json' }, 400],
    ['a kind mismatch', 'POST', VS, '{"kind":"Gateway","metadata":{"name":"x"}}', { 'content-type': 'application/json' }, 400],
    ['a namespace mismatch', 'POST', VS, '{"metadata":{"name":"x","namespace":"other"}}', { 'content-type': 'application/json' }, 400],
    ['a bad name', 'POST', VS, '{"metadata":{"name":"Not_Valid"}}', { 'content-type': 'application/json' }, 400],
    ['an unsupported type', 'POST', VS, 'x', { 'content-type': 'application/xml' }, 415],
    ['an empty body', 'POST', VS, '', { 'content-type': 'application/json' }, 400],
    ['an oversized body', 'POST', VS, `{"x":"${'a'.repeat(600_000)}"}`, { 'content-type': 'application/json' }, 413],
  ])('answers %s with a 4xx and a message', async (_what, method, p, body, headers, status) => {
    const res = await fetch(f.url + p, { method, headers, body });
    expect(res.status).toBe(status);
    const j = (await res.json()) as Json;
    expect(j.error?.message.length).toBeGreaterThan(5);
    expect((await f.call('GET', '/api/health')).status).toBe(200);
  });

  it('needs the CSRF header and a same-origin Origin for browser writes', async () => {
    const obj = ((await f.call('GET', `${VS}/reviews`)).body as Json).object;
    const host = new URL(f.url).host;
    expect((await f.call('PUT', `${VS}/reviews?dryRun=true`, obj, { origin: `http://${host}` })).status).toBe(403);
    expect((await f.call('PUT', `${VS}/reviews?dryRun=true`, obj, { origin: 'http://evil.example', 'x-meshlens-csrf': '1' })).status).toBe(403);
    expect((await f.call('PUT', `${VS}/reviews?dryRun=true`, obj, { origin: `http://${host}`, 'x-meshlens-csrf': '1' })).status).toBe(200);
  });
});
