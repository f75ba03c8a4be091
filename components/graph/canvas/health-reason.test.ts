import { describe, expect, it } from 'vitest';
import { healthReasonOf } from './health-reason';
import { tooltipText } from './graph-tooltip';

describe('healthReasonOf', () => {
  it.each([
    [{}, undefined],
    [{ healthReason: '' }, undefined],
    [{ healthReason: 42 }, undefined],
    [{ healthReason: { text: 7 } }, undefined],
    [{ healthReason: ' 4.8% 5xx on calls to ratings (> 0.1%) ' }, '4.8% 5xx on calls to ratings (> 0.1%)'],
    // The wire shape (lib/api/health.ts): the sentence starts with the status, which the tooltip already says.
    [{ healthReason: { status: 'Degraded', direction: 'outbound', text: 'Degraded: 4.8% 5xx on calls to ratings (≥ 0.1%)' } }, '4.8% 5xx on calls to ratings (≥ 0.1%)'],
    [{ healthReason: { text: 'Failure: 21% 5xx inbound (≥ 20%)' } }, '21% 5xx inbound (≥ 20%)'],
  ])('%j → %j', (data, want) => expect(healthReasonOf(data)).toBe(want));

  it('cuts a long reason at a word', () => {
    const r = healthReasonOf({ healthReason: 'word '.repeat(60) }) ?? '';
    expect(r.length).toBeLessThanOrEqual(121);
    expect(r.endsWith('word…')).toBe(true);
  });
});

describe('tooltipText', () => {
  it.each([
    [{ label: 'reviews\nv2', health: 'Degraded', reason: '4.8% 5xx on calls to ratings (> 0.1%)', nodeType: 'app' }, 'reviews v2 — Degraded: 4.8% 5xx on calls to ratings (> 0.1%)'],
    [{ label: 'reviews\nv2', health: 'Failure', nodeType: 'app' }, 'reviews v2 — Failure'],
    [{ label: 'details', health: 'Healthy', nodeType: 'service' }, 'details'],
    [{ label: 'bookinfo', health: 'NA', nodeType: 'box' }, undefined],
    // Edges say something only when they are not healthy (their label already shows the rate).
    [{ label: '3 rps', health: 'Healthy', source: 'a' }, undefined],
    [{ label: 'a v1 → b v1', health: 'Degraded', reason: '2% 5xx (> 0.1%)', source: 'a' }, 'a v1 → b v1 — Degraded: 2% 5xx (> 0.1%)'],
  ])('%j', (data, want) => expect(tooltipText(data)).toBe(want));
});
