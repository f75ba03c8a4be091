import { describe, expect, it } from 'vitest';
import { formatAgo, formatBytesRate, formatLatency, formatPercent, formatRate } from './format';

describe('format', () => {
  it.each([
    [undefined, '—'],
    [0, '0'],
    [0.004, '<0.01'],
    [1.234, '1.23'],
    [12.34, '12.3'],
    [1500, '1.5k'],
  ])('formatRate(%s) = %s', (v, want) => expect(formatRate(v)).toBe(want));

  it.each([
    [undefined, '—'],
    [0, '0.0%'],
    [0.05, '<0.1%'],
    [7.25, '7.3%'],
    [80, '80%'],
  ])('formatPercent(%s) = %s', (v, want) => expect(formatPercent(v)).toBe(want));

  it.each([
    [512, '512 B/s'],
    [2048, '2.0 KiB/s'],
    [5 * 1024 * 1024, '5.0 MiB/s'],
  ])('formatBytesRate(%s) = %s', (v, want) => expect(formatBytesRate(v)).toBe(want));

  it.each([
    [null, '—'],
    [12, '12ms'],
    [1200, '1.20s'],
  ])('formatLatency(%s) = %s', (v, want) => expect(formatLatency(v)).toBe(want));

  it('formatAgo', () => {
    const now = Date.parse('2026-01-01T00:01:00Z');
    expect(formatAgo(null, now)).toBe('never');
    expect(formatAgo('2026-01-01T00:01:00Z', now)).toBe('just now');
    expect(formatAgo('2026-01-01T00:00:55Z', now)).toBe('5s ago');
    expect(formatAgo('2026-01-01T00:00:00Z', now)).toBe('1m ago');
  });
});
