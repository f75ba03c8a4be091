import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['5s', 5000],
    ['500ms', 500],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['60', 60_000],
    ['0.5s', 500],
    ['250us', 0.25],
  ])('%s -> %d ms', (text, want) => {
    expect(parseDuration(text)).toBe(want);
  });
  it.each(['', 's', '5x', '5s junk', '-1s', '1.2.3s'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0.5, '500µs'],
    [3.25, '3.3ms'],
    [350, '350ms'],
    [1234, '1.23s'],
    [90_000, '1.5m'],
  ])('%d ms -> %s', (n, want) => {
    expect(formatDuration(n)).toBe(want);
  });
});
