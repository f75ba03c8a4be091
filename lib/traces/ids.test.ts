import { describe, expect, it } from 'vitest';
import { normalizeSpanId, normalizeTraceId, otlpJsonIdToHex } from './ids';

describe('normalizeTraceId', () => {
  it.each([
    ['463ac35c9f6413ad', '0000000000000000463ac35c9f6413ad'],
    ['463AC35C9F6413AD48485A3953BB6124', '463ac35c9f6413ad48485a3953bb6124'],
    ['0000000000000000463ac35c9f6413ad', '0000000000000000463ac35c9f6413ad'],
    ['0000000000000000', undefined],
    ['abc', undefined],
    ['463ac35c9f6413az', undefined],
    ['463ac35c9f6413ad0', undefined],
  ])('%s -> %s', (input, want) => expect(normalizeTraceId(input)).toBe(want));
});

describe('normalizeSpanId', () => {
  it.each([
    ['a2fb4a1d1a96d312', 'a2fb4a1d1a96d312'],
    ['A2FB4A1D1A96D312', 'a2fb4a1d1a96d312'],
    ['0000000000000000', undefined],
    ['a2fb4a1d1a96d3', undefined],
  ])('%s -> %s', (input, want) => expect(normalizeSpanId(input)).toBe(want));
});

describe('otlpJsonIdToHex', () => {
  it('reads hex and base64 forms', () => {
    expect(otlpJsonIdToHex('5b8efff798038103d269b633813fc60c', 16)).toBe('5b8efff798038103d269b633813fc60c');
    expect(otlpJsonIdToHex('W47/95gDgQPSabYzgT/GDA==', 16)).toBe('5b8efff798038103d269b633813fc60c');
    expect(otlpJsonIdToHex('7a2190356c3fc94b', 8)).toBe('7a2190356c3fc94b');
    expect(otlpJsonIdToHex('eiGQNWw/yUs=', 8)).toBe('7a2190356c3fc94b');
    expect(otlpJsonIdToHex('not-an-id', 8)).toBeUndefined();
  });
});
