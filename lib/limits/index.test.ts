import { describe, expect, it } from 'vitest';
import { defaultLimits, parseLimitOverrides } from './index';

describe('limits', () => {
  it('overrides a known limit and keeps the rest', () => {
    const r = parseLimitOverrides('ingest.maxSpansPerRequest=500, yaml.maxBytes=1_000');
    expect('limits' in r && r.limits.ingest.maxSpansPerRequest).toBe(500);
    expect('limits' in r && r.limits.yaml.maxBytes).toBe(1000);
    expect('limits' in r && r.limits.ingest.maxWireBytes).toBe(defaultLimits().ingest.maxWireBytes);
  });
  it.each([
    ['ingest.nope=1', /unknown limit/],
    ['nope.maxBytes=1', /unknown limit/],
    ['ingest.maxWireBytes=-1', /non-negative/],
    ['ingest.maxWireBytes=abc', /non-negative/],
    ['ingest.constructor=1', /unknown limit/],
    ['maxWireBytes', /area.name=value/],
  ])('refuses %s', (text, msg) => {
    const r = parseLimitOverrides(text);
    expect('error' in r && r.error).toMatch(msg);
  });
  it('gives each caller its own copy', () => {
    const a = defaultLimits();
    a.ingest.maxWireBytes = 1;
    expect(defaultLimits().ingest.maxWireBytes).not.toBe(1);
  });
});
