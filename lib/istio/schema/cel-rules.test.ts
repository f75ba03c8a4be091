import { describe, expect, it } from 'vitest';
import { CEL_RULES, evaluateRule, parseDuration } from './cel-rules';
import { CRD_SPEC_SCHEMAS } from './crd-schemas.gen';
import type { SchemaNode } from './schema-node';

function rulesOf(n: SchemaNode, out: Set<string>): Set<string> {
  for (const r of n.v ?? []) out.add(r.r);
  for (const c of [...Object.values(n.p ?? {}), n.i, n.m]) if (c) rulesOf(c, out);
  return out;
}

describe('CEL rules', () => {
  it('implements every rule of the bundled CRDs', () => {
    const all = new Set<string>();
    for (const s of Object.values(CRD_SPEC_SCHEMAS)) rulesOf(s, all);
    expect(all.size).toBeGreaterThan(20);
    expect([...all].filter((r) => !(r in CEL_RULES))).toEqual([]);
  });

  it.each([
    ['1ms', 1e6],
    ['2s', 2e9],
    ['1h30m', 5400e9],
    ['1.5s', 1.5e9],
    ['250us', 250e3],
  ])('parses duration %s', (d, ns) => expect(parseDuration(d)).toBe(ns));

  it.each(['', '5', '1x', 's', '1 s'])('rejects duration %j', (d) => expect(() => parseDuration(d)).toThrow());

  it.each([
    ["duration(self) >= duration('1ms')", '0s', false],
    ["duration(self) >= duration('1ms')", '10ms', true],
    ["duration(self) >= duration('1ms')", 'ten', false],
    ['0 < self && self <= 65535', 0, false],
    ['0 < self && self <= 65535', 443, true],
    ['self.all(l1, self.exists_one(l2, l1.number == l2.number))', [{ number: 80 }, { number: 80 }], false],
    ['self.all(l1, self.exists_one(l2, l1.number == l2.number))', [{ number: 80 }, { number: 81 }], true],
    ['url(self).getScheme() in ["http", "https"]', 'ftp://x', false],
    ['url(self).getScheme() in ["http", "https"]', 'https://x/jwks', true],
  ])('%s on %j is %s', (rule, v, ok) => expect(evaluateRule(rule, v)).toBe(ok));

  it('leaves unknown rules unchecked', () => expect(evaluateRule('self.foo()', 1)).toBeUndefined());
});
