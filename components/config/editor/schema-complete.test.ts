import { describe, expect, it } from 'vitest';
import { nodeAt, schemaCompletions, specSchemaOf } from './schema-complete';

const HEAD = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n';
const labels = (doc: string, explicit = false) => {
  const r = schemaCompletions(doc.replace('|', ''), doc.indexOf('|'), explicit);
  return r?.options.map((o) => o.label) ?? null;
};

describe('schema completion', () => {
  it('reads the kind schema from the document', () => {
    expect(specSchemaOf(HEAD)?.p?.hosts).toBeDefined();
    expect(specSchemaOf('apiVersion: v1\nkind: Service\n')).toBeUndefined();
    expect(nodeAt(specSchemaOf(HEAD), ['spec', 'http', '[]', 'route', '[]', 'destination'])?.p?.subset).toBeDefined();
  });

  it('offers the fields of the mapping being typed in, minus those already there', () => {
    const got = labels(`${HEAD}spec:\n  http:\n    - route:\n        - destination:\n            host: reviews\n            su|\n`);
    expect(got).toContain('subset');
    expect(got).toContain('port');
    expect(got).not.toContain('host');
  });

  it('offers top-level and metadata fields', () => {
    expect(labels('apiVersion: networking.istio.io/v1\nkind: Gateway\nsp|')).toEqual(expect.arrayContaining(['spec', 'metadata']));
    expect(labels(`${HEAD}  na|`)).toEqual(expect.arrayContaining(['namespace', 'labels']));
  });

  it('offers enum values after a key', () => {
    const dr = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nspec:\n  trafficPolicy:\n    tls:\n      mode: IS|';
    expect(labels(dr)).toEqual(expect.arrayContaining(['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']));
  });

  it('stays quiet before anything is typed unless asked', () => {
    const doc = `${HEAD}spec:\n  |`;
    expect(labels(doc)).toBeNull();
    expect(labels(doc, true)).toEqual(expect.arrayContaining(['hosts', 'http', 'gateways']));
  });

  it('inserts nested fields on an indented next line', () => {
    const doc = `${HEAD}spec:\n  ht|`;
    const r = schemaCompletions(doc.replace('|', ''), doc.indexOf('|'), false);
    expect(r?.options.find((o) => o.label === 'http')?.apply).toBe('http:\n    - ');
    expect(r?.options.find((o) => o.label === 'hosts')?.apply).toBe('hosts:\n    - ');
  });

  it('has nothing for unknown kinds or values without a fixed set', () => {
    expect(labels('apiVersion: v1\nkind: Thing\nspec:\n  fo|')).toBeNull();
    expect(labels(`${HEAD}spec:\n  http:\n    - route:\n        - destination:\n            subset: v|`)).toBeNull();
  });
});
