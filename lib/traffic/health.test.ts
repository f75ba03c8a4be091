import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_POLICY, judgeHealth, statusOfPercent } from './health';

describe('statusOfPercent (Kiali ascending check, 0.1 % / 20 %)', () => {
  it.each([
    [0, 'Healthy'],
    [0.05, 'Healthy'],
    [0.1, 'Degraded'],
    [4.8, 'Degraded'],
    [19.99, 'Degraded'],
    [20, 'Failure'],
    [100, 'Failure'],
  ] as const)('%s %% → %s', (p, want) => {
    expect(statusOfPercent(p, { degraded: 0.1, failure: 20 })).toBe(want);
  });
  it('a zero tolerance never flags a zero rate', () => {
    expect(statusOfPercent(0, { degraded: 0, failure: 10 })).toBe('Healthy');
  });
});

describe('judgeHealth', () => {
  it('is NA without requests', () => {
    expect(judgeHealth([{ direction: 'inbound', protocol: 'http', requests: 0, errors: 0 }])).toEqual({ status: 'NA' });
  });
  it('names outbound errors to a peer as the cause (reviews-v2 → ratings)', () => {
    const v = judgeHealth([
      { direction: 'inbound', protocol: 'http', requests: 10, errors: 0 },
      { direction: 'outbound', protocol: 'http', requests: 10, errors: 0.48, byClass: { '5xx': 0.48 }, peer: 'ratings' },
    ]);
    expect(v.status).toBe('Degraded');
    expect(v.reason).toMatchObject({ direction: 'outbound', errorClass: '5xx', threshold: 0.1, peer: 'ratings', errorPercent: 4.8 });
    expect(v.reason?.text).toBe('Degraded: 4.8% 5xx on calls to ratings (≥ 0.1%)');
  });
  it('the worse direction wins, and Failure says its threshold', () => {
    const v = judgeHealth([
      { direction: 'inbound', protocol: 'http', requests: 10, errors: 5, byClass: { '5xx': 1, flag: 0, '4xx': 4 }, flags: ['FI'] },
      { direction: 'outbound', protocol: 'http', requests: 10, errors: 0.5, peer: 'ratings' },
    ]);
    expect(v.reason?.text).toBe('Failure: 50% 4xx (FI) of requests received (≥ 20%)');
  });
  it('follows a configured tolerance per direction', () => {
    const policy = { ...DEFAULT_HEALTH_POLICY, tolerances: [{ protocol: 'http' as const, direction: 'inbound' as const, degraded: 10, failure: 30 }] };
    expect(judgeHealth([{ direction: 'inbound', protocol: 'http', requests: 100, errors: 5 }], policy).status).toBe('Healthy');
    // No tolerance for outbound: traffic without a rule is Healthy, not judged.
    expect(judgeHealth([{ direction: 'outbound', protocol: 'http', requests: 100, errors: 90 }], policy).status).toBe('Healthy');
  });
});
