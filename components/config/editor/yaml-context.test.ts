import { describe, expect, it } from 'vitest';
import { yamlCursor } from './yaml-context';

/** The cursor goes where `|` is. */
const at = (doc: string) => yamlCursor(doc.replace('|', ''), doc.indexOf('|'));

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
    - reviews
  http:
    - match:
        - uri:
            prefix: /a
      route:
        - destination:
            host: reviews
            sub|
          weight: 10
`;

describe('yamlCursor', () => {
  it('finds the key path through lists', () => {
    expect(at(VS)).toEqual({ at: 'key', path: ['spec', 'http', '[]', 'route', '[]', 'destination'], from: VS.indexOf('sub|'), siblings: ['host'] });
  });

  it.each([
    ['sp|', [], 'key'],
    ['spec:\n  |', ['spec'], 'key'],
    ['spec:\n  http:\n    - |', ['spec', 'http', '[]'], 'key'],
    ['spec:\n  http:\n    - route: []\n      ti|', ['spec', 'http', '[]'], 'key'],
    ['spec:\n  tls:\n    mode: IS|', ['spec', 'tls'], 'value'],
    ['spec:\n  servers:\n    - port:\n        protocol: HT|', ['spec', 'servers', '[]', 'port'], 'value'],
    ['spec:\n  mtls:\n    # a comment\n\n    mo|', ['spec', 'mtls'], 'key'],
  ])('%j', (doc, path, kind) => {
    const c = at(doc);
    expect(c?.at).toBe(kind);
    expect(c?.path).toEqual(path);
  });

  it('names the key of a value position', () => {
    const c = at('spec:\n  tls:\n    mode: IS|');
    expect(c).toMatchObject({ at: 'value', key: 'mode' });
  });

  it('lists siblings, including the first key of a list item', () => {
    expect(at('spec:\n  http:\n    - name: a\n      timeout: 1s\n      |\n      retries: {}\n    - name: b\n')).toMatchObject({ siblings: ['timeout', 'name', 'retries'] });
  });

  it('gives up inside flow text', () => {
    expect(at('spec: {hosts: [a|')).toBeNull();
  });
});
