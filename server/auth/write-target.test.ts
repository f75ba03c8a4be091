import { describe, expect, it } from 'vitest';
import { pluralOf } from './write-target';

describe('pluralOf', () => {
  it.each([
    ['VirtualService', 'virtualservices'],
    ['virtualservices', 'virtualservices'],
    ['DestinationRule', 'destinationrules'],
    ['destinationrules', 'destinationrules'],
    ['AuthorizationPolicy', 'authorizationpolicies'],
    ['authorizationpolicies', 'authorizationpolicies'],
    ['Gateway', 'gateways'],
  ])('%s → %s', (kind, plural) => {
    expect(pluralOf(kind)).toBe(plural);
  });
});
