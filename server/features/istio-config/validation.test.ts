import { describe, expect, it } from 'vitest';
import { objectPathOf } from './object-path';
import { errorsAddedBetween, type Message } from './validation';

const m = (resource: string, message: string, level: Message['level'] = 'Error'): Message => ({ code: 'IST0109', name: 'ConflictingMeshGatewayVirtualServiceHosts', level, resource, path: 'spec.hosts', message });

describe('errorsAddedBetween', () => {
  it('does not count an error whose text changed (a conflict losing one of its parties)', () => {
    const before = [m('VirtualService bookinfo/a', 'a,b,c'), m('VirtualService bookinfo/b', 'a,b,c'), m('VirtualService bookinfo/c', 'a,b,c')];
    const after = [m('VirtualService bookinfo/a', 'a,b'), m('VirtualService bookinfo/b', 'a,b')];
    expect(errorsAddedBetween(before, after)).toEqual([]);
  });

  it('counts errors on a new key, and a second error on the same key, but not warnings', () => {
    const before = [m('VirtualService bookinfo/a', 'x')];
    const after = [m('VirtualService bookinfo/a', 'x'), m('VirtualService bookinfo/a', 'y'), m('VirtualService bookinfo/b', 'x'), m('VirtualService bookinfo/c', 'x', 'Warning')];
    expect(errorsAddedBetween(before, after).map((e) => `${e.resource} ${e.message}`)).toEqual(['VirtualService bookinfo/a y', 'VirtualService bookinfo/b x']);
  });
});

describe('objectPathOf', () => {
  const p = (ns: string, group: string, kind: string, name?: string) => ({ ns, group, version: 'v1', kind, ...(name !== undefined ? { name } : {}) });
  it('accepts known kinds, by name or lowercase plural', () => {
    expect(objectPathOf(p('bookinfo', 'networking.istio.io', 'virtualservices', 'reviews')).kind).toBe('VirtualService');
    expect(objectPathOf(p('bookinfo', 'core', 'Service', 'reviews')).kind).toBe('Service');
  });
  it.each([
    ['/etc', 'networking.istio.io', 'VirtualService', 'x'],
    ['a/../..', 'networking.istio.io', 'VirtualService', 'x'],
    ['<img src=x onerror=alert(1)>', 'networking.istio.io', 'VirtualService', 'x'],
    ['a'.repeat(64), 'networking.istio.io', 'VirtualService', 'x'],
    ['bookinfo', 'networking.istio.io', 'VirtualService/../..', 'x'],
    ['bookinfo', 'networking.istio.io', 'Secret', 'x'],
    ['bookinfo', 'security.istio.io', 'VirtualService', 'x'],
    ['bookinfo', 'networking.istio.io', 'VirtualService', 'a\u0000b'],
    ['bookinfo', 'networking.istio.io', 'VirtualService', 'x'.repeat(254)],
    ['bookinfo', 'networking.istio.io', 'VirtualService', '../x'],
  ])('refuses ns %j group %j kind %j name %j with 400', (ns, group, kind, name) => {
    expect(() => objectPathOf(p(ns, group, kind, name))).toThrow(expect.objectContaining({ status: 400 }));
  });
});
