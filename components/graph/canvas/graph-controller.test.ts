import { describe, expect, it } from 'vitest';
import { CANVAS_BELOW, WEBGL_ABOVE, pickRenderer } from './graph-controller';

describe('pickRenderer', () => {
  it.each([
    [undefined, 7, 'auto', true, 'canvas'],
    [undefined, WEBGL_ABOVE + 1, 'auto', true, 'webgl'],
    // Hysteresis: a graph hovering around the threshold does not flip the renderer (and rebuild) every refresh.
    ['webgl', WEBGL_ABOVE - 1, 'auto', true, 'webgl'],
    ['webgl', CANVAS_BELOW - 1, 'auto', true, 'canvas'],
    ['canvas', CANVAS_BELOW + 50, 'auto', true, 'canvas'],
    // Software WebGL is slower than the 2D canvas.
    [undefined, 1000, 'auto', false, 'canvas'],
    [undefined, 7, 'webgl', false, 'webgl'],
    [undefined, 1000, 'canvas', true, 'canvas'],
  ] as const)('current=%s nodes=%s forced=%s hw=%s → %s', (current, n, forced, hw, want) => {
    expect(pickRenderer(current, n, forced, hw)).toBe(want);
  });
});
