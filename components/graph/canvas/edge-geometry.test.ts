import { describe, expect, it } from 'vitest';
import { pointOnEdge, trafficDots } from './edge-geometry';

describe('pointOnEdge', () => {
  const a = { x: 0, y: 0 };
  const b = { x: 10, y: 0 };
  it.each([
    [[], 0.5, { x: 5, y: 0 }],
    [[{ x: 5, y: 10 }], 0.5, { x: 5, y: 5 }],
    [[{ x: 5, y: 10 }], 0, { x: 0, y: 0 }],
    [[{ x: 3, y: 3 }, { x: 6, y: 3 }], 0.5, { x: 4.5, y: 3 }],
  ])('controls %j at %s', (controls, t, want) => expect(pointOnEdge(a, b, controls, t)).toEqual(want));
});

it('trafficDots: none when idle, more and faster when busy', () => {
  expect(trafficDots(0)).toEqual({ count: 0, speed: 0 });
  const slow = trafficDots(0.5);
  const fast = trafficDots(500);
  expect(slow.count).toBeGreaterThanOrEqual(1);
  expect(fast.count).toBeGreaterThan(slow.count);
  expect(fast.speed).toBeGreaterThan(slow.speed);
  expect(trafficDots(1e12).count).toBe(6);
});
