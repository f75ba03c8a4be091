import { describe, expect, it } from 'vitest';
import { parseYamlObjects } from './yaml-source';

const VS = `# comment
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
        subset: v4
---
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: {name: a}
- apiVersion: v1
  kind: Service
  metadata:
    name: b
    namespace: x
`;

describe('parseYamlObjects', () => {
  it('parses documents, skips empty ones and expands List items', () => {
    const r = parseYamlObjects(VS, 'f.yaml');
    expect(r.problems).toEqual([]);
    expect(r.objects.map((o) => `${o.object.kind}/${o.object.metadata.name}`)).toEqual(['VirtualService/reviews', 'Service/a', 'Service/b']);
  });

  it('locates fields at their keys, falling back to the nearest existing parent', () => {
    const r = parseYamlObjects(VS, 'f.yaml');
    const vs = r.objects[0];
    expect(vs?.source?.file).toBe('f.yaml');
    expect(vs?.source?.locate(['spec', 'http', 0, 'route', 0, 'destination', 'subset'])).toEqual({ line: 13, column: 9 });
    expect(vs?.source?.locate(['spec', 'http', 0, 'route', 0, 'destination', 'port', 'number'])).toEqual({ line: 11, column: 7 });
    expect(r.objects[2]?.source?.locate(['metadata', 'namespace'])).toEqual({ line: 26, column: 5 });
  });

  it('accepts a JSON array of objects', () => {
    const r = parseYamlObjects('[{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"}}]');
    expect(r.problems).toEqual([]);
    expect(r.objects).toHaveLength(1);
    expect(r.objects[0]?.source?.locate(['metadata', 'name'])).toEqual({ line: 1, column: 50 });
  });

  it.each([
    ['syntax error', 'a: [1, 2\nb: c', /YAML syntax error/],
    ['scalar document', '42', /expected a mapping/],
    ['missing kind', 'apiVersion: v1\nmetadata: {name: x}', /missing kind/],
    ['missing name', 'apiVersion: v1\nkind: Service\nmetadata: {}', /missing metadata.name/],
    ['non-string namespace', 'apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: [x]}', /namespace must be a string/],
    ['duplicate key', 'apiVersion: v1\nkind: Service\nkind: Pod\nmetadata: {name: a}', /YAML syntax error/],
  ])('reports %s as a problem, not a crash', (_name, text, re) => {
    const r = parseYamlObjects(text, 'bad.yaml');
    expect(r.objects).toEqual([]);
    expect(r.problems[0]?.message).toMatch(re);
    expect(r.problems[0]?.file).toBe('bad.yaml');
  });
});

describe('documentSource', () => {
  it('locates every field at the document start', async () => {
    const { documentSource } = await import('./yaml-source');
    const s = documentSource({ file: 'a.yaml', line: 7, column: 1 });
    expect(s.locate(['spec', 'hosts', 0])).toEqual({ line: 7, column: 1 });
    expect(s.file).toBe('a.yaml');
  });
});

describe('parseYamlObjects on hostile input', () => {
  it.each([
    ['unresolved alias', 'a: *missing\n'],
    ['merge of unresolved alias', '<<: *a\nkind: List\n'],
    ['alias bomb', 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n'],
  ])('%s becomes a problem, not a throw', (_n, text) => {
    const r = parseYamlObjects(text, 'h.yaml');
    expect(r.objects).toEqual([]);
    expect(r.problems.length).toBeGreaterThan(0);
  });
});
