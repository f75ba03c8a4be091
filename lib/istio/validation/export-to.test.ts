import { describe, expect, it } from 'vitest';
import { exportedTo, exportScopes, visibleFrom } from './export-to';

const known = new Set(['a', 'b', 'c']);

describe('exportTo', () => {
  it.each([
    [[], 'a', 'b', true],
    [['.'], 'a', 'a', true],
    [['.'], 'a', 'b', false],
    [['b'], 'a', 'b', true],
    [['b'], 'a', 'c', false],
    [['~'], 'a', 'a', false],
    [['*'], 'a', 'c', true],
  ])('visibleFrom(%j, own %s, from %s) = %s', (exportTo, own, from, want) => expect(visibleFrom(exportTo, own, from)).toBe(want));

  it('resolves scopes', () => {
    expect(exportScopes([], 'a')).toEqual(['*']);
    expect(exportScopes(['.', 'b', '.'], 'a')).toEqual(['a', 'b']);
  });

  it.each([
    ['mesh default applies when exportTo is empty', [], 'a', 'b', { meshDefaultExportTo: ['.'] }, false],
    ['an unknown namespace keeps the object listed', ['nowhere'], 'a', 'b', { knownNamespaces: known }, true],
    ['known namespaces are respected', ['c'], 'a', 'b', { knownNamespaces: known }, false],
    ['ambient namespaces keep objects to themselves', ['*'], 'a', 'b', { ambientNamespaces: new Set(['a']) }, false],
    ['ambient objects are listed in their own namespace', [], 'a', 'a', { ambientNamespaces: new Set(['a']) }, true],
  ])('%s', (_n, exportTo, own, viewer, opts, want) => expect(exportedTo(exportTo, own, viewer, opts)).toBe(want));
});
