export interface Pt {
  x: number;
  y: number;
}

/**
 * A point at fraction `t` (0..1) along an edge drawn from `a` to `b` through Cytoscape's control points:
 * one control point is a quadratic Bézier (a normal curved edge); more are joined piecewise.
 */
export function pointOnEdge(a: Pt, b: Pt, controls: readonly Pt[], t: number): Pt {
  const c0 = controls[0];
  if (!c0) return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
  if (controls.length === 1) {
    const u = 1 - t;
    return { x: u * u * a.x + 2 * u * t * c0.x + t * t * b.x, y: u * u * a.y + 2 * u * t * c0.y + t * t * b.y };
  }
  const pts = [a, ...controls, b];
  const seg = Math.min(pts.length - 2, Math.floor(t * (pts.length - 1)));
  const local = t * (pts.length - 1) - seg;
  const p = pts[seg] as Pt;
  const q = pts[seg + 1] as Pt;
  return { x: p.x + (q.x - p.x) * local, y: p.y + (q.y - p.y) * local };
}

/** How many dots ride an edge and how fast (edge lengths per second), from its rate: busier is denser and faster. */
export function trafficDots(rate: number): { count: number; speed: number } {
  if (rate <= 0) return { count: 0, speed: 0 };
  const l = Math.log10(1 + rate);
  return { count: Math.max(1, Math.min(6, Math.round(1 + l * 1.5))), speed: 0.2 + Math.min(0.8, l * 0.25) };
}
