import { expect, it } from 'vitest';
import { isActive } from './nav-items';

it.each([
  ['/', '/', true],
  ['/', '/graph', false],
  ['/graph', '/graph', true],
  ['/traces', '/traces/abc123', true],
  ['/config', '/configuration', false],
])('isActive(%s, %s) = %s', (href, path, want) => expect(isActive(href, path)).toBe(want));
