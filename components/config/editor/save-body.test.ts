import { describe, expect, it } from 'vitest';
import { bodyForSave, identityOf } from './save-body';
import { objectTemplate, preferredNamespace } from './templates';

describe('bodyForSave', () => {
  it('adds the resourceVersion the edit started from', () => {
    const r = bodyForSave('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n', '30');
    expect(r).toEqual({ ok: true, body: { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'reviews', resourceVersion: '30' }, spec: { hosts: ['reviews'] } } });
  });

  it('overrides a resourceVersion typed into the YAML with the loaded one', () => {
    const r = bodyForSave('metadata:\n  name: a\n  resourceVersion: "1"\n', '7');
    expect(r.ok && r.body.metadata).toEqual({ name: 'a', resourceVersion: '7' });
  });

  it.each([
    ['', 'empty'],
    ['# only a comment\n', 'empty'],
    ['a: 1\n---\nb: 2\n', '2 documents'],
    ['- a\n- b\n', 'one object'],
    ['spec: {}\n', 'metadata'],
    ['a: [1\nb: 2\n', 'does not parse'],
    ['a: 1\na: 2\n', 'does not parse'],
  ])('refuses %j', (text, want) => {
    const r = bodyForSave(text, '1');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(want);
  });

  it('reads the identity of an object', () => {
    expect(identityOf({ apiVersion: 'v', kind: 'K', metadata: { name: 'n', namespace: '' } })).toEqual({ apiVersion: 'v', kind: 'K', name: 'n' });
  });

  it('makes templates that parse into the picked kind and namespace', () => {
    for (const kind of ['VirtualService', 'Gateway', 'Telemetry', 'Unknown']) {
      const r = bodyForSave(objectTemplate(kind, 'bookinfo'));
      expect(r.ok && identityOf(r.body)).toMatchObject({ kind, namespace: 'bookinfo' });
    }
  });
});

describe('preferredNamespace', () => {
  it.each([
    [['istio-system', 'bookinfo', 'default'], 'bookinfo'],
    [['shop', 'bookinfo'], 'bookinfo'],
    [['istio-system', 'kube-system'], 'default'],
    [[], 'default'],
  ])('of %j is %s', (names, want) => {
    expect(preferredNamespace(names)).toBe(want);
  });
});
