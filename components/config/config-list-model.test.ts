import { describe, expect, it } from 'vitest';
import type { ConfigItem } from '@/lib/api/istio-config';
import type { ValidationMessage } from '@/lib/api/validation';
import { filterItems, itemStatus, kindOptions, sortItems } from './config-list-model';

const msg = (level: ValidationMessage['level'], message = 'm'): ValidationMessage => ({ code: 'IST0101', name: 'X', level, resource: 'r', message });
const item = (kind: string, name: string, validations: ValidationMessage[] = []): ConfigItem => ({
  object: { apiVersion: 'networking.istio.io/v1', kind, metadata: { name, namespace: 'bookinfo' } },
  resourceVersion: '1',
  validations,
});

const items = [
  item('VirtualService', 'ok'),
  item('VirtualService', 'broken', [msg('Warning'), msg('Error', 'Referenced subset not found: "v4"')]),
  item('Gateway', 'warned', [msg('Warning')]),
  item('DestinationRule', 'info', [msg('Info')]),
];

describe('config list model', () => {
  it.each([
    [[], 'valid'],
    [[msg('Info')], 'info'],
    [[msg('Info'), msg('Warning')], 'warning'],
    [[msg('Warning'), msg('Error')], 'error'],
  ] as const)('status of %j is %s', (ms, want) => {
    expect(itemStatus(ms)).toBe(want);
  });

  it.each([
    ['all', '', ['ok', 'broken', 'warned', 'info']],
    ['errors', '', ['broken']],
    ['warnings', '', ['warned']],
    ['valid', '', ['ok', 'info']],
    ['all', 'V4', ['broken']],
    ['all', 'gateway', ['warned']],
  ] as const)('filters status=%s q=%j', (status, q, want) => {
    expect(filterItems(items, { status, q }).map((i) => i.object.metadata.name)).toEqual(want);
  });

  it('sorts problems first, then by kind and name', () => {
    expect(sortItems(items).map((i) => i.object.metadata.name)).toEqual(['broken', 'warned', 'info', 'ok']);
  });

  it('offers known kinds, stored kinds and selected kinds once', () => {
    expect(kindOptions(['VirtualService', 'Gateway'], items, ['Sidecar'])).toEqual(['DestinationRule', 'Gateway', 'Sidecar', 'VirtualService']);
  });
});
