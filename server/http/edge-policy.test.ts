import { describe, expect, it } from 'vitest';
import { EdgePolicy, isLoopbackName, parseHost, parseOrigin } from './edge-policy';

const policy = (over: Partial<ConstructorParameters<typeof EdgePolicy>[0]> = {}) => new EdgePolicy({ bindHost: '127.0.0.1', port: () => 3144, ...over });

describe('edge policy', () => {
  it.each([
    ['127.0.0.1:3144', { hostname: '127.0.0.1', port: 3144 }],
    ['LOCALHOST', { hostname: 'localhost' }],
    ['localhost.:80', { hostname: 'localhost', port: 80 }],
    ['[::1]:3144', { hostname: '[::1]', port: 3144 }],
    ['a:b:c', undefined],
    ['[::g]:1', undefined],
    ['host:0', undefined],
    ['host:99999', undefined],
    ['user@host', undefined],
    ['host/path', undefined],
    ['', undefined],
    [`${'a'.repeat(64)}.example`, undefined],
  ])('parses Host %j', (value, want) => {
    expect(parseHost(value)).toEqual(want);
  });

  it.each([
    ['http://127.0.0.1:3144', { scheme: 'http', hostname: '127.0.0.1', port: 3144 }],
    ['https://meshlens.example.com', { scheme: 'https', hostname: 'meshlens.example.com', port: 443 }],
    ['null', undefined],
    ['http://127.0.0.1:3144/', undefined],
    ['ftp://127.0.0.1:3144', undefined],
    ['http://u@127.0.0.1:3144', undefined],
    ['http://a, http://b', undefined],
    [`http://${'a'.repeat(300)}`, undefined],
  ])('parses Origin %j strictly', (value, want) => {
    expect(parseOrigin(value)).toEqual(want);
  });

  it('knows loopback names, and not names that merely look like them', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '[::ffff:127.0.0.1]']) expect(isLoopbackName(h), h).toBe(true);
    for (const h of ['127.0.0.1.nip.io', 'localhost.evil.example', '127.0.0.256', '2130706433', '0.0.0.0', '[::]']) expect(isLoopbackName(h), h).toBe(false);
  });

  it('answers loopback names, the bind host, public URLs and allowed hosts only', () => {
    const p = policy({ bindHost: '10.1.2.3', publicUrls: ['https://meshlens.example.com'], allowedHosts: ['meshlens.istio-system', 'pinned.example:8080'] });
    for (const h of ['127.0.0.1:3144', 'localhost:8080', '[::1]:3144', '10.1.2.3:3144', 'meshlens.example.com', 'meshlens.istio-system:3000', 'pinned.example:8080']) expect(p.checkHost(h).ok, h).toBe(true);
    for (const h of [undefined, 'evil.example', '127.0.0.1.nip.io:3144', 'pinned.example:8081', 'pinned.example', '[::2]:3144', 'a b']) expect(p.checkHost(h).ok, String(h)).toBe(false);
    expect(policy({ allowedHosts: ['*'] }).checkHost('anything.example').ok).toBe(true);
  });

  it('compares the scheme, host and port of an Origin with its own origins', () => {
    const p = policy({ publicUrls: ['https://meshlens.example.com'] });
    for (const o of ['http://127.0.0.1:3144', 'http://localhost:3144', 'http://[::1]:3144', 'https://meshlens.example.com', 'https://meshlens.example.com:443']) expect(p.checkOrigin(o, '127.0.0.1:3144').ok, o).toBe(true);
    for (const o of ['https://127.0.0.1:3144', 'http://127.0.0.1:3145', 'http://meshlens.example.com', 'https://meshlens.example.com:8443', 'http://evil.example', 'null', `http://${'a'.repeat(250)}.example`]) {
      expect(p.checkOrigin(o, '127.0.0.1:3144').ok, o.slice(0, 60)).toBe(false);
    }
    // Through a port-forward the browser's origin is the loopback Host it used, on another port.
    expect(p.checkOrigin('http://localhost:8080', 'localhost:8080').ok).toBe(true);
    expect(p.checkOrigin('http://localhost:8081', 'localhost:8080').ok).toBe(false);
    expect(p.checkOrigin('http://evil.example:8080', 'evil.example:8080').ok).toBe(false);
  });
});
