import { describe, expect, it } from 'vitest';
import { SmallMap } from './small-map';

describe('SmallMap', () => {
  it.each([
    ['empty', [], []],
    ['one entry', [['a', 1]], [['a', 1]]],
    ['updates keep their place', [['b', 1], ['a', 2], ['b', 3], ['c', 4], ['a', 5]], [['b', 3], ['a', 5], ['c', 4]]],
    ['index-like keys stay in insertion order', [['503', 1], ['200', 2]], [['503', 1], ['200', 2]]],
  ] as [string, [string, number][], [string, number][]][])('%s behaves as a Map', (_name, writes, want) => {
    const m = new SmallMap<number>();
    const ref = new Map<string, number>();
    for (const [k, v] of writes) {
      m.set(k, v);
      ref.set(k, v);
    }
    const got: [string, number][] = [];
    m.forEach((v, k) => got.push([k, v]));
    expect(got).toEqual(want);
    expect(got).toEqual([...ref]);
    expect(m.size).toBe(ref.size);
    expect(m.keys()).toEqual([...ref.keys()]);
    for (const k of ['a', 'b', 'c', 'x', '200']) expect(m.get(k)).toBe(ref.get(k));
  });
});
