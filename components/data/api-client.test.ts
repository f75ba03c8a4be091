import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, apiGet, withQuery } from './api-client';

const Schema = z.object({ n: z.number() });

function stubFetch(impl: () => Promise<Response>) {
  vi.stubGlobal('fetch', vi.fn(impl));
}

afterEach(() => vi.unstubAllGlobals());

describe('apiGet', () => {
  it('returns parsed data', async () => {
    stubFetch(async () => new Response(JSON.stringify({ n: 3, extra: true }), { status: 200 }));
    await expect(apiGet('/api/x', Schema)).resolves.toEqual({ n: 3 });
  });

  it('maps the server error body to code and message', async () => {
    stubFetch(async () => new Response(JSON.stringify({ error: { code: 'not_found', message: 'no such trace' } }), { status: 404 }));
    const err = await apiGet('/api/x', Schema).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, code: 'not_found', message: 'no such trace', isClientError: true });
  });

  it('a non-JSON error page still becomes an ApiError', async () => {
    stubFetch(async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(apiGet('/api/x?y=1', Schema)).rejects.toMatchObject({ status: 502, code: 'http_error', message: '502 Bad Gateway from /api/x' });
  });

  it('an answer that breaks the schema is bad_response, naming the field', async () => {
    stubFetch(async () => new Response(JSON.stringify({ n: 'three' }), { status: 200 }));
    await expect(apiGet('/api/x', Schema)).rejects.toMatchObject({ code: 'bad_response', message: expect.stringContaining('n:') });
  });

  it('an unreachable server is network, and retryable', async () => {
    stubFetch(async () => {
      throw new TypeError('fetch failed');
    });
    const err = (await apiGet('/api/x', Schema).catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('network');
    expect(err.isClientError).toBe(false);
  });
});

it('withQuery skips empty values', () => {
  expect(withQuery('/api/t', { a: 'x y', b: undefined, c: '', d: 2, e: false })).toBe('/api/t?a=x+y&d=2&e=false');
  expect(withQuery('/api/t', {})).toBe('/api/t');
});
