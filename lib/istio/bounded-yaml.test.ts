import { describe, expect, it } from 'vitest';
import { YAML_LIMITS, type YamlLimits } from '../limits/yaml';
import { checkJsonBounds } from './bounded-json';
import { parseAllDocumentsBounded, parseYamlValue } from './bounded-yaml';

const small: YamlLimits = { ...YAML_LIMITS, maxDocuments: 3, maxDepth: 4, maxKeysPerMapping: 3, maxNodes: 40, maxAliases: 2 };
const refusedBy = (text: string, limits = small) => {
  const r = parseAllDocumentsBounded(text, limits);
  return 'refused' in r ? r.refused.limit : undefined;
};

describe('parseAllDocumentsBounded', () => {
  it.each([
    ['block keys', 'a: 1\nb: 2\nc: 3\nd: 4\n', 'maxKeysPerMapping'],
    ['flow keys', '{a: 1, b: 2, c: 3, d: 4}\n', 'maxKeysPerMapping'],
    ['nested block keys', 'x:\n  a: 1\n  b: 2\n  c: 3\n  d: 4\n', 'maxKeysPerMapping'],
    ['flow depth', '[[[[[1]]]]]\n', 'maxDepth'],
    ['block depth', 'a:\n b:\n  c:\n   d:\n    e: 1\n', 'maxDepth'],
    ['compact sequence depth', '- - - - - 1\n', 'maxDepth'],
    ['aliases', 'a: &x 1\nb: [*x, *x, *x]\n', 'maxAliases'],
    ['documents', 'a: 1\n---\nb: 1\n---\nc: 1\n---\nd: 1\n', 'maxDocuments'],
    ['nodes', `[${Array.from({ length: 50 }, (_, i) => i).join(', ')}]\n`, 'maxNodes'],
    ['bytes', 'a: 1\n', 'maxBytes', { ...small, maxBytes: 3 }],
  ] as [string, string, string, YamlLimits?][])('refuses %s past its bound', (_name, text, limit, limits) => {
    expect(refusedBy(text, limits)).toBe(limit);
  });

  it('accepts what is within every bound, and sequences of mappings are not one mapping', () => {
    expect(refusedBy('a: 1\nb: 2\nc: 3\n')).toBeUndefined();
    expect(refusedBy('- a: 1\n  b: 2\n- a: 1\n  b: 2\n- a: 1\n  b: 2\n', { ...small, maxNodes: 100 })).toBeUndefined();
    expect(refusedBy('x:\n  a: 1\n  b: 2\ny:\n  a: 1\n  b: 2\nz: 1\n', { ...small, maxNodes: 100 })).toBeUndefined();
  });

  it('finds duplicate keys in linear time, as `yaml` names them', () => {
    const r = parseAllDocumentsBounded('a: 1\nb: {c: 1, c: 2}\na: 3\n', YAML_LIMITS);
    expect('documents' in r && r.documents[0]?.doc.errors.map((e) => e.code)).toEqual(['DUPLICATE_KEY', 'DUPLICATE_KEY']);
  });

  it('gives each document its exact source, so the pieces joined are the input', () => {
    const text = '# head\na: 1\n---\nb: [\n---\nc: 3\n# tail\n';
    const r = parseAllDocumentsBounded(text, YAML_LIMITS);
    if (!('documents' in r)) throw new Error('refused');
    expect(r.documents.map((d) => d.source).join('')).toBe(text);
    expect(r.documents[1]?.doc.errors.length).toBeGreaterThan(0);
  });
});

describe('parseYamlValue', () => {
  it('parses one document and refuses several, bombs and bounds', () => {
    expect(parseYamlValue('a: [1, 2]\n', YAML_LIMITS)).toEqual({ value: { a: [1, 2] } });
    expect(parseYamlValue('a: 1\n---\nb: 2\n', YAML_LIMITS)).toHaveProperty('error');
    const laughs = `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 6 }, (_, i) => `l${i}: &l${i} [${Array(10).fill(i === 0 ? '*a' : `*l${i - 1}`).join(', ')}]`).join('\n')}\n`;
    expect(parseYamlValue(laughs, { ...YAML_LIMITS, maxAliases: 100 })).toHaveProperty('error');
  });
});

describe('checkJsonBounds', () => {
  it.each([
    ['depth', `${'['.repeat(30)}${']'.repeat(30)}`, 'maxDepth'],
    ['members', JSON.stringify(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${i}`, i]))), 'maxKeysPerMapping'],
    ['values', JSON.stringify(Array.from({ length: 50 }, (_, i) => i)), 'maxNodes'],
  ])('refuses %s before parsing', (_n, text, limit) => {
    expect(checkJsonBounds(text, { ...small, maxDepth: 20 })?.limit).toBe(limit);
  });

  it('ignores brackets and colons inside strings and accepts what is within bounds', () => {
    expect(checkJsonBounds('{"a": "[[[[[[[[[:,:,:,"}', small)).toBeUndefined();
    expect(checkJsonBounds('{"a": "\\"[[[[[[[[", "b": [1, {"c": 2}]}', small)).toBeUndefined();
  });
});
