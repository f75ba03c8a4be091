import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/errors';
import type { ApiRequest } from '../http/router';
import type { MeshConfigReader, StoredObject } from '../sources/config/store';
import { handleValidate, VALIDATE_BODY_LIMIT, validateFeature } from './validate';

/** An ApiRequest over a fixed body that enforces the size limit as the real router's body() does. */
function request(body: string, query = ''): ApiRequest {
  const buf = Buffer.from(body, 'utf8');
  return {
    method: 'POST',
    url: new URL(`http://127.0.0.1/api/istio/validate${query}`),
    params: {},
    headers: {},
    body: (limit = 1024 * 1024) => (buf.length > limit ? Promise.reject(new HttpError('payload_too_large', `body exceeds ${limit} bytes`)) : Promise.resolve(buf)),
    json: () => Promise.resolve(JSON.parse(body) as unknown),
    raw: undefined as never,
    res: undefined as never,
    requestId: 't',
  };
}

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  gateways: [bookinfo-gateway]
  http: [{route: [{destination: {host: reviews}}]}]
---
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}
`;

function store(objects: StoredObject['object'][], namespaces: string[] = []): MeshConfigReader {
  return {
    version: 1,
    list: () => objects.map((object) => ({ object, resourceVersion: '1' })),
    get: () => undefined,
    errors: () => [],
    subscribe: () => () => undefined,
    namespaces: () => namespaces,
  };
}

describe('POST /api/istio/validate', () => {
  it('validates multi-document YAML', async () => {
    const r = await handleValidate(request(VS));
    expect(r.status).toBe(200);
    expect(r.body.messages.map((m) => m.code).sort()).toEqual(['IST0101', 'IST0132']);
    expect(r.body.messages.find((m) => m.code === 'IST0101')).toMatchObject({ resource: 'VirtualService bookinfo/reviews', path: 'spec.gateways[0]', line: 6, column: 14, aliases: ['KIA1102'] });
    expect(r.body.messages[0]).not.toHaveProperty('file');
  });

  it('accepts a JSON list of objects', async () => {
    const body = JSON.stringify([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'x' }, spec: { ports: [{ port: 80 }] } }]);
    const r = await handleValidate(request(body));
    expect(r.body.messages.map((m) => m.code)).toEqual(['IST0118']);
  });

  it('resolves references against the config store with ?context=store and reports only posted objects', async () => {
    const gw = { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'bookinfo-gateway', namespace: 'bookinfo' }, spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] } };
    const unrelated = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'noisy', namespace: 'bookinfo' }, spec: { ports: [{ port: 1 }] } };
    const r = await handleValidate(request(VS, '?context=store'), store([gw, unrelated]));
    expect(r.body.messages).toEqual([]);
  });

  it("checks exportTo against the served mesh's namespaces", async () => {
    const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: r, namespace: bookinfo}
spec: {hosts: [r], exportTo: [".", bookinfo, nowhere], tcp: [{route: [{destination: {host: r}}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: r, namespace: bookinfo}
spec: {selector: {app: r}, ports: [{name: tcp, port: 9000}]}
`;
    const r = await handleValidate(request(vs), store([], ['bookinfo', 'istio-system']));
    expect(r.body.messages.map((m) => `${m.code} ${m.path ?? ''}`)).toEqual(['KIA0005 spec.exportTo[2]']);
  });

  it.each([
    ['malformed YAML', 'a: [1, 2\nb: c', /malformed body \(line \d+, column \d+\): YAML syntax error/],
    ['malformed JSON', '[{"kind": "Service",', /malformed body/],
    ['not objects', '- 1\n- 2', /not a Kubernetes object/],
    ['empty body', '  \n', /request body is empty/],
  ])('answers 400 on %s', async (_name, body, re) => {
    const err = await handleValidate(request(body)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(400);
    expect((err as HttpError).message).toMatch(re);
  });

  it('answers 400 on bad query parameters', async () => {
    await expect(handleValidate(request(VS, '?istioNamespace=Bad_NS'))).rejects.toMatchObject({ status: 400 });
    await expect(handleValidate(request(VS, '?context=everything'))).rejects.toMatchObject({ status: 400 });
  });

  it('answers 413 above the size cap', async () => {
    const big = `# ${'x'.repeat(VALIDATE_BODY_LIMIT)}\n${VS}`;
    await expect(handleValidate(request(big))).rejects.toMatchObject({ status: 413 });
  });

  it('is a feature mounting the route without the browser CSRF requirement', async () => {
    const handle = await validateFeature.start({ configStore: store([]) } as unknown as Parameters<typeof validateFeature.start>[0]);
    expect(handle.routes.map((r) => `${r.method} ${r.path} csrf=${String(r.csrf)}`)).toEqual(['POST /api/istio/validate csrf=false']);
  });
});
