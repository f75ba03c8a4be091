import { afterEach, describe, expect, it, vi } from 'vitest';
import { localSyntaxProblem, validateYaml } from './use-istio-validate';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => vi.unstubAllGlobals());

describe('validateYaml', () => {
  it('posts the YAML in the store context and returns the messages for that text', async () => {
    const msg = { code: 'IST0101', name: 'X', level: 'Error', resource: 'VirtualService bookinfo/reviews', message: 'm', line: 21, column: 13 };
    const fetchMock = vi.fn(async () => json(200, { messages: [msg] }));
    vi.stubGlobal('fetch', fetchMock);
    expect(await validateYaml('kind: VirtualService\n')).toEqual({ text: 'kind: VirtualService\n', messages: [msg] });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/istio/validate?context=store');
    expect(init.headers).toMatchObject({ 'content-type': 'application/yaml' });
    expect(init.body).toBe('kind: VirtualService\n');
  });

  it('finds syntax problems locally without asking the server', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const text = 'spec:\n  http:\n    - route:\n        host: ratings\n        po\n        subset: v1\n';
    const r = await validateYaml(text);
    expect(r.syntax?.message).toMatch(/^YAML syntax error: /);
    expect(r.syntax?.line).toBe(5);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(localSyntaxProblem('a: 1\n---\nb: [\n')).toMatchObject({ line: 4 });
    expect(localSyntaxProblem('a: 1\n')).toBeUndefined();
  });

  it('reports malformed YAML (400) as a syntax problem with its position', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(400, { error: { code: 'bad_request', message: 'malformed body (line 8, column 3): bad', details: { problems: [{ file: 'request', line: 8, column: 3, message: 'YAML syntax error: bad' }] } } })));
    expect(await validateYaml('a: b')).toEqual({ text: 'a: b', messages: [], syntax: { message: 'YAML syntax error: bad', line: 8, column: 3 } });
    vi.stubGlobal('fetch', vi.fn(async () => json(400, { error: { code: 'bad_request', message: 'request body is empty' } })));
    expect(await validateYaml(' ')).toEqual({ text: ' ', messages: [], syntax: { message: 'request body is empty' } });
  });

  it('throws on server failures', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(503, { error: { code: 'unavailable', message: 'starting' } })));
    await expect(validateYaml('a: 1')).rejects.toMatchObject({ status: 503, code: 'unavailable' });
  });
});
