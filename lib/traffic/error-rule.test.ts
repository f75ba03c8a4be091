import { describe, expect, it } from 'vitest';
import { classifyResponse, hasFailureFlag, responseCodeOf } from './error-rule';

describe('classifyResponse: the one error rule', () => {
  it.each([
    // protocol, code (as the graph keeps it), flags, count4xx, class
    ['http', '200', '-', true, 'ok'],
    ['http', '200', 'DI', true, 'ok'],
    ['http', '301', '-', true, 'ok'],
    ['http', '404', '-', true, '4xx'],
    ['http', '404', '-', false, 'ok'],
    ['http', '404', 'NR', false, 'flag'],
    ['http', '418', 'FI', false, 'flag'],
    ['http', '418', 'FI', true, '4xx'],
    ['http', '503', 'FI', true, '5xx'],
    ['http', '503', 'UH', true, '5xx'],
    ['http', '503', 'UF,URX', true, '5xx'],
    ['http', '503', 'UO', true, '5xx'],
    ['http', '500', '-', true, '5xx'],
    ['http', '-', 'DC', true, 'no-response'],
    ['http', '200', 'DC', true, 'flag'],
    ['http', '200', 'UT', true, 'flag'],
    ['grpc', '0', '-', true, 'ok'],
    ['grpc', '14', '-', true, 'grpc'],
    ['grpc', '503', 'UH', true, '5xx'],
    ['grpc', '0', 'URX', true, 'flag'],
    ['tcp', '-', 'UF', true, 'ok'],
  ] as const)('%s %s flags=%s count4xx=%s → %s', (protocol, code, flags, count4xx, want) => {
    expect(classifyResponse(protocol, code, flags, { count4xx })).toBe(want);
  });
});

describe('helpers', () => {
  it('reads comma-separated flags', () => {
    expect(hasFailureFlag('-')).toBe(false);
    expect(hasFailureFlag('DI,UF')).toBe(true);
    expect(hasFailureFlag('DI')).toBe(false);
  });
  it('maps raw codes as Kiali does', () => {
    expect(responseCodeOf('http', '0', '')).toBe('-');
    expect(responseCodeOf('http', undefined, undefined)).toBe('200');
    expect(responseCodeOf('grpc', '200', '14')).toBe('14');
    expect(responseCodeOf('grpc', '503', '14')).toBe('503');
  });
});
