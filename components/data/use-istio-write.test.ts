import { afterEach, describe, expect, it, vi } from 'vitest';
import { WriteResultSchema } from '@/lib/api/istio-config';
import { ApiError } from './api-client';
import { sendWrite, writeUrl } from './use-istio-write';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const OBJ = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'reviews', namespace: 'bookinfo' }, spec: {} };
const MSG = { code: 'IST0101', name: 'ReferencedResourceNotFound', level: 'Error', resource: 'VirtualService bookinfo/reviews', message: 'Referenced subset not found: "v4"' };
const PATH = '/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService/reviews';

afterEach(() => vi.unstubAllGlobals());

describe('config writes', () => {
  it.each([
    [{}, PATH],
    [{ dryRun: true }, `${PATH}?dryRun=true`],
    [{ dryRun: true, force: true }, `${PATH}?dryRun=true&force=true`],
  ])('adds the flags %j', (flags, want) => {
    expect(writeUrl(PATH, flags)).toBe(want);
    expect(writeUrl('/api/istio/history/3/rollback?mode=undo', { force: true })).toBe('/api/istio/history/3/rollback?mode=undo&force=true');
  });

  it('sends the CSRF header and JSON, and returns the written object', async () => {
    const fetchMock = vi.fn(async () => json(200, { object: OBJ, resourceVersion: '31', validations: [], historyId: 4 }));
    vi.stubGlobal('fetch', fetchMock);
    const out = await sendWrite({ method: 'PUT', path: PATH, body: OBJ }, WriteResultSchema);
    expect(out).toEqual({ kind: 'ok', status: 200, data: { object: OBJ, resourceVersion: '31', validations: [], historyId: 4 } });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(PATH);
    expect(init.method).toBe('PUT');
    expect(init.headers).toMatchObject({ 'x-meshlens-csrf': '1', 'content-type': 'application/json' });
    expect(JSON.parse(String(init.body))).toEqual(OBJ);
  });

  it('turns a 409 into a conflict and a 422 into a refusal with the messages', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(409, { error: { code: 'conflict', message: 'changed by someone else' } })));
    expect(await sendWrite({ method: 'PUT', path: PATH, body: OBJ }, WriteResultSchema)).toEqual({ kind: 'conflict', message: 'changed by someone else' });
    vi.stubGlobal('fetch', vi.fn(async () => json(422, { error: { code: 'unprocessable', message: 'would add 1 error' }, messages: [MSG] })));
    expect(await sendWrite({ method: 'PUT', path: PATH, body: OBJ }, WriteResultSchema)).toEqual({ kind: 'refused', message: 'would add 1 error', messages: [MSG] });
  });

  it('throws other failures as ApiErrors', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(400, { error: { code: 'bad_request', message: 'metadata.name must be a DNS-1123 name' } })));
    await expect(sendWrite({ method: 'PUT', path: PATH, body: OBJ }, WriteResultSchema)).rejects.toMatchObject({ status: 400, code: 'bad_request' });
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { nope: true })));
    await expect(sendWrite({ method: 'PUT', path: PATH, body: OBJ }, WriteResultSchema)).rejects.toMatchObject({ code: 'bad_response' });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('fetch failed'))));
    await expect(sendWrite({ method: 'PUT', path: PATH, body: OBJ }, WriteResultSchema)).rejects.toBeInstanceOf(ApiError);
  });
});
