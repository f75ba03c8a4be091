import type { ServiceTraffic } from '@/lib/api/traffic';

/**
 * The traffic editor's arithmetic: weights are integers per version that always sum to 100, so moving one
 * slider takes from (or gives to) the others in proportion to what they hold.
 */
export type Weights = Record<string, number>;

/** The names the editor shows a slider for: versions, plus subsets that select something other than a version. */
export function sliderKeys(t: ServiceTraffic): string[] {
  const byVersion = new Set(Object.values(t.subsets).filter((v): v is string => typeof v === 'string'));
  const extra = Object.keys(t.subsets).filter((s) => !t.subsets[s] && !t.versions.includes(s));
  const keys = [...t.versions, ...extra];
  return keys.length > 0 ? keys : [...byVersion].sort();
}

/**
 * The current split per slider key. `routed` is false when no weighted route names the versions (no
 * VirtualService, or one that sends everything to the host): traffic then spreads over pods, shown as even.
 */
export function currentWeights(t: ServiceTraffic): { weights: Weights; routed: boolean } {
  const keys = sliderKeys(t);
  const out: Weights = Object.fromEntries(keys.map((k) => [k, 0]));
  let routed = false;
  for (const [subset, w] of Object.entries(t.weights)) {
    const version = t.subsets[subset] ?? subset;
    if (version in out) {
      out[version] = (out[version] ?? 0) + w;
      routed = true;
    }
  }
  return routed ? { weights: out, routed } : { weights: evenSplit(keys), routed };
}

/** 100 split as evenly as integers allow; the first keys take the remainder. */
export function evenSplit(keys: readonly string[]): Weights {
  const n = keys.length;
  if (n === 0) return {};
  const base = Math.floor(100 / n);
  const rest = 100 - base * n;
  return Object.fromEntries(keys.map((k, i) => [k, base + (i < rest ? 1 : 0)]));
}

/** Everything to one key. */
export function allTo(keys: readonly string[], key: string): Weights {
  return Object.fromEntries(keys.map((k) => [k, k === key ? 100 : 0]));
}

/**
 * Sets one weight and rebalances the others so the sum stays 100: the rest is shared in proportion to the
 * others' current weights (evenly when they are all 0), rounded by largest remainder so nothing drifts.
 */
export function setWeight(weights: Weights, key: string, value: number): Weights {
  const keys = Object.keys(weights);
  if (!keys.includes(key)) return weights;
  const v = Math.max(0, Math.min(100, Math.round(value)));
  const others = keys.filter((k) => k !== key);
  if (others.length === 0) return { [key]: 100 };
  const rest = 100 - v;
  const held = others.reduce((s, k) => s + (weights[k] ?? 0), 0);
  const shares = others.map((k) => (held > 0 ? ((weights[k] ?? 0) / held) * rest : rest / others.length));
  const floors = shares.map(Math.floor);
  let left = rest - floors.reduce((s, x) => s + x, 0);
  const order = shares.map((s, i) => ({ i, frac: s - Math.floor(s) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left--;
  }
  const out: Weights = {};
  for (const k of keys) out[k] = k === key ? v : (floors[others.indexOf(k)] ?? 0);
  return out;
}

export function sameWeights(a: Weights, b: Weights): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? 0) !== (b[k] ?? 0)) return false;
  return true;
}

export function sumOf(w: Weights): number {
  return Object.values(w).reduce((s, x) => s + x, 0);
}

/** "v1 80% · v3 20%" (zero weights left out) for buttons, confirmations and history. */
export function describeWeights(w: Weights): string {
  const parts = Object.entries(w).filter(([, x]) => x > 0).map(([k, x]) => `${k} ${x}%`);
  return parts.length > 0 ? parts.join(' · ') : 'nothing';
}
