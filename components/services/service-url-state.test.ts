import { expect, it } from 'vitest';
import { DEFAULT_CANARY_KNOBS } from './canary-verdict-adapter';
import { parseServiceView, serializeServiceView } from './service-url-state';

it('defaults when the query is empty or wrong, and serializes back to nothing', () => {
  const s = parseServiceView(new URLSearchParams('tool=nope&window=7s&baseline=../x&thr=a,b'));
  expect(s).toEqual({ tool: 'shift', window: '30s', range: '10m', thresholds: DEFAULT_CANARY_KNOBS });
  expect(serializeServiceView(s)).toBe('');
});

it('round-trips every field', () => {
  const q = 'tool=fault&window=1m&range=1h&baseline=v1&canary=v3&thr=50%2C98%2C800%2C2%2C3';
  const s = parseServiceView(new URLSearchParams(q));
  expect(s).toMatchObject({ tool: 'fault', window: '1m', range: '1h', baseline: 'v1', canary: 'v3' });
  expect(s.thresholds).toEqual({ minRequests: 50, minSuccessPercent: 98, maxP99Ms: 800, latencyRatioFailing: 2, successDropFailing: 3 });
  expect(serializeServiceView(s)).toBe(q);
});

it('keeps the defaults for thresholds it cannot read', () => {
  expect(parseServiceView(new URLSearchParams('thr=3,,-1')).thresholds).toEqual({ ...DEFAULT_CANARY_KNOBS, minRequests: 3 });
});
