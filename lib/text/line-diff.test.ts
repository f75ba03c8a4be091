import { describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from './line-diff';

describe('diffLines', () => {
  it.each([
    ['', '', ''],
    ['a\nb\nc', 'a\nb\nc', '  a|  b|  c'],
    ['a\nb\nc', 'a\nx\nc', '  a|- b|+ x|  c'],
    ['a\nb', 'a\nb\nc', '  a|  b|+ c'],
    ['a\nb\nc', 'b\nc', '- a|  b|  c'],
    ['', 'a', '+ a'],
  ])('%j → %j', (a, b, want) => {
    expect(diffLines(a, b).map((l) => `${l.op} ${l.text}`).join('|')).toBe(want);
  });
});

describe('unifiedDiff', () => {
  it('is empty when nothing changed', () => expect(unifiedDiff('a\n', 'a\n')).toBe(''));
  it('writes hunks with context and line numbers', () => {
    const a = Array.from({ length: 10 }, (_, i) => `l${i + 1}`).join('\n');
    const b = a.replace('l5', 'L5');
    expect(unifiedDiff(a, b)).toBe('--- before\n+++ after\n@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n');
  });
});
