import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../../../lib/istio/types';
import type { ConfigChange } from '../store';
import { ObjectIndex } from './object-index';

const vs = (name: string, ns: string, rv: string): K8sObject => ({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name, namespace: ns, resourceVersion: rv }, spec: {} });
const log = pino({ level: 'silent' });

function indexWithChanges(keep?: (o: K8sObject) => boolean) {
  const index = new ObjectIndex(log, keep);
  const changes: ConfigChange[] = [];
  index.subscribe((c) => changes.push(c));
  return { index, changes };
}

describe('ObjectIndex', () => {
  it('a relist diffs against what it had: adds, modifies, deletes in one change, and nothing when unchanged', () => {
    const { index, changes } = indexWithChanges();
    index.replaceAll('VirtualService', undefined, [vs('a', 'n', '1'), vs('b', 'n', '2')]);
    index.replaceAll('VirtualService', undefined, [vs('a', 'n', '1'), vs('b', 'n', '3'), vs('c', 'n', '4')]);
    index.replaceAll('VirtualService', undefined, [vs('b', 'n', '3'), vs('c', 'n', '4')]);
    index.replaceAll('VirtualService', undefined, [vs('b', 'n', '3'), vs('c', 'n', '4')]);
    expect(changes.map((c) => c.changed.map((x) => `${x.type} ${x.name}`))).toEqual([['added a', 'added b'], ['modified b', 'added c'], ['deleted a']]);
    expect(index.version).toBe(3);
  });

  it("a namespaced relist leaves other namespaces' objects and other kinds alone", () => {
    const { index } = indexWithChanges();
    index.replaceAll('VirtualService', 'n1', [vs('a', 'n1', '1')]);
    index.replaceAll('VirtualService', 'n2', [vs('a', 'n2', '2')]);
    index.apply('added', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a', namespace: 'n1', resourceVersion: '3' } });
    index.replaceAll('VirtualService', 'n1', []);
    expect(index.list().map((o) => `${o.object.kind} ${o.object.metadata.namespace}`).sort()).toEqual(['Service n1', 'VirtualService n2']);
    expect(index.list({ kinds: ['VirtualService'], namespaces: ['n2'] })).toHaveLength(1);
    expect(index.namespaces()).toEqual(['n1', 'n2']);
  });

  it('ignores an event older than what a write response already indexed, and repeats of the same version', () => {
    const { index, changes } = indexWithChanges();
    index.apply('added', vs('a', 'n', '10'));
    index.apply('modified', vs('a', 'n', '12')); // from a write response
    index.apply('modified', vs('a', 'n', '11')); // the watch catching up
    index.apply('modified', vs('a', 'n', '12'));
    expect(index.get('VirtualService', 'n', 'a')?.resourceVersion).toBe('12');
    expect(changes).toHaveLength(2);
    index.apply('deleted', vs('a', 'n', '9'));
    expect(index.get('VirtualService', 'n', 'a')).toBeDefined();
    index.apply('deleted', vs('a', 'n', '13'));
    expect(index.get('VirtualService', 'n', 'a')).toBeUndefined();
    index.apply('deleted', vs('a', 'n', '13'));
    expect(changes).toHaveLength(3);
  });

  it('non-numeric resourceVersions are never treated as older', () => {
    const { index } = indexWithChanges();
    index.apply('added', vs('a', 'n', 'b'));
    index.apply('modified', vs('a', 'n', 'a'));
    expect(index.get('VirtualService', 'n', 'a')?.resourceVersion).toBe('a');
  });

  it('keeps only what the filter accepts, and tracks per-source errors', () => {
    const { index } = indexWithChanges((o) => o.metadata.namespace === 'keep');
    index.replaceAll('VirtualService', undefined, [vs('a', 'keep', '1'), vs('b', 'drop', '2')]);
    index.apply('added', vs('c', 'drop', '3'));
    expect(index.list().map((o) => o.object.metadata.name)).toEqual(['a']);
    index.setError('kubernetes:v1/pods', '403 Forbidden: no');
    expect(index.errors()).toEqual([{ file: 'kubernetes:v1/pods', message: '403 Forbidden: no' }]);
    index.setError('kubernetes:v1/pods', undefined);
    expect(index.errors()).toEqual([]);
  });

  it('a throwing listener does not stop the others', () => {
    const { index, changes } = indexWithChanges();
    index.subscribe(() => {
      throw new Error('boom');
    });
    const after: number[] = [];
    index.subscribe((c) => after.push(c.version));
    index.apply('added', vs('a', 'n', '1'));
    expect(changes).toHaveLength(1);
    expect(after).toEqual([1]);
  });
});
