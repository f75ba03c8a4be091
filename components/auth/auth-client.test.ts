import { describe, expect, it } from 'vitest';
import { ApiError } from '@/components/data/api-client';
import { isSignedOut, loginHref, safeNext } from './auth-client';

describe('sign-in redirects', () => {
  it.each([
    ['/graph?namespaces=bookinfo', '/graph?namespaces=bookinfo'],
    [null, '/'],
    ['', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/login?next=/graph', '/'],
  ])('goes back to %j as %j', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it('builds the sign-in link', () => {
    expect(loginHref('/traces?service=a b')).toBe('/login?next=%2Ftraces%3Fservice%3Da%20b');
    expect(loginHref('/')).toBe('/login');
  });

  it('knows a signed-out answer', () => {
    expect(isSignedOut(new ApiError(401, 'unauthorized', 'sign in first'))).toBe(true);
    expect(isSignedOut(new ApiError(403, 'forbidden', 'no'))).toBe(false);
    expect(isSignedOut(new Error('x'))).toBe(false);
  });
});
