import { describe, expect, it } from 'vitest';
import { StoreError } from '../store';
import { KubeApiError } from './kube-client';
import { toStoreError } from './kubernetes-store';

describe('toStoreError', () => {
  it.each([
    [409, 'conflict'],
    [403, 'forbidden'],
    [401, 'forbidden'],
    [404, 'not_found'],
    [422, 'invalid'],
    [400, 'invalid'],
    [415, 'invalid'],
  ])('maps HTTP %i to %s, passing the server message through', (status, code) => {
    const err = toStoreError(new KubeApiError(status, 'Reason', 'the server said so'));
    expect(err).toBeInstanceOf(StoreError);
    expect(err).toMatchObject({ code, message: expect.stringContaining('the server said so') });
  });

  it('leaves unreachable-server and 5xx errors as they are (not a refusal of the write)', () => {
    const down = new KubeApiError(0, 'Unreachable', 'cannot reach');
    expect(toStoreError(down)).toBe(down);
    const internal = new KubeApiError(500, 'InternalError', 'etcd timeout');
    expect(toStoreError(internal)).toBe(internal);
  });
});
