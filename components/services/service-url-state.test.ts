import { expect, it } from 'vitest';
import { DEFAULT_CANARY_THRESHOLDS } from '@/lib/istio/traffic/canary';
import { parseServiceView, serializeServiceView } from './service-url-state';

it('defaults when the query is empty or wrong, and serializes back to nothing', () => {
  const s = parseServiceView(new URLSearchParams('tool=nope&window=7s&baseline=../x&thr=a,b'));
  expect(s).toEqual({ tool: 'shift', window: '30s', range: '10m', thresholds: DEFAULT_CANARY_THRESHOLDS });
  expect(serializeServiceView(s)).toBe('');
});

it('round-trips every field', () => {
  const q = 'tool=fault&window=1m&range=1h&baseline=v1&canary=v3&thr=2%2C6%2C1.2%2C3%2C0.1';
  const s = parseServiceView(new URLSearchParams(q));
  expect(s).toMatchObject({ tool: 'fault', window: '1m', range: '1h', baseline: 'v1', canary: 'v3' });
  expect(s.thresholds).toEqual({ successDropSuspicious: 2, successDropFailing: 6, latencyRatioSuspicious: 1.2, latencyRatioFailing: 3, minRequestRate: 0.1 });
  expect(serializeServiceView(s)).toBe(q);
});

it('keeps the defaults for thresholds it cannot read', () => {
  expect(parseServiceView(new URLSearchParams('thr=3,,-1')).thresholds).toEqual({ ...DEFAULT_CANARY_THRESHOLDS, successDropSuspicious: 3 });
});
