import { CANARY_KNOB_KEYS, DEFAULT_CANARY_KNOBS, type CanaryKnobs } from './canary-verdict-adapter';

/** What the service page shows, kept in the URL query so a view can be bookmarked and shared. */
export interface ServiceViewState {
  /** The traffic tool open below the routing summary. */
  tool: ServiceTool;
  /** The canary panel's sliding window (a graph duration). */
  window: CanaryWindow;
  /** Metrics charts' range. */
  range: MetricsRange;
  /** Chosen baseline / canary versions (undefined: picked from the current split). */
  baseline?: string;
  canary?: string;
  thresholds: CanaryKnobs;
}

export const SERVICE_TOOLS = ['shift', 'routing', 'fault', 'timeouts', 'breaker'] as const;
export type ServiceTool = (typeof SERVICE_TOOLS)[number];
export const TOOL_LABELS: Record<ServiceTool, string> = {
  shift: 'Traffic shifting',
  routing: 'Request routing',
  fault: 'Fault injection',
  timeouts: 'Timeouts & retries',
  breaker: 'Circuit breaker',
};

export const CANARY_WINDOWS = ['15s', '30s', '1m', '5m'] as const;
export type CanaryWindow = (typeof CANARY_WINDOWS)[number];
export const METRICS_RANGES = ['5m', '10m', '30m', '1h'] as const;
export type MetricsRange = (typeof METRICS_RANGES)[number];

const THRESHOLD_KEYS = CANARY_KNOB_KEYS;

const pick = <T extends string>(v: string | null, allowed: readonly T[], fallback: T): T => (allowed.includes(v as T) ? (v as T) : fallback);
const name = (v: string | null) => (v && /^[\w.-]{1,63}$/.test(v) ? v : undefined);

/** The verdict's knobs as `thr=20,99,500,1.5,1` (the order of CANARY_KNOB_KEYS); bad or missing numbers fall back. */
function parseThresholds(v: string | null): CanaryKnobs {
  const parts = (v ?? '').split(',');
  const out = { ...DEFAULT_CANARY_KNOBS };
  THRESHOLD_KEYS.forEach((k, i) => {
    const n = Number(parts[i]);
    if (parts[i] !== undefined && parts[i] !== '' && Number.isFinite(n) && n >= 0) out[k] = n;
  });
  return out;
}

export function parseServiceView(q: URLSearchParams): ServiceViewState {
  const baseline = name(q.get('baseline'));
  const canary = name(q.get('canary'));
  return {
    tool: pick(q.get('tool'), SERVICE_TOOLS, 'shift'),
    window: pick(q.get('window'), CANARY_WINDOWS, '30s'),
    range: pick(q.get('range'), METRICS_RANGES, '10m'),
    ...(baseline ? { baseline } : {}),
    ...(canary ? { canary } : {}),
    thresholds: parseThresholds(q.get('thr')),
  };
}

/** Defaults are left out so plain links stay short. */
export function serializeServiceView(s: ServiceViewState): string {
  const q = new URLSearchParams();
  if (s.tool !== 'shift') q.set('tool', s.tool);
  if (s.window !== '30s') q.set('window', s.window);
  if (s.range !== '10m') q.set('range', s.range);
  if (s.baseline) q.set('baseline', s.baseline);
  if (s.canary) q.set('canary', s.canary);
  if (THRESHOLD_KEYS.some((k) => s.thresholds[k] !== DEFAULT_CANARY_KNOBS[k])) q.set('thr', THRESHOLD_KEYS.map((k) => String(s.thresholds[k])).join(','));
  return q.toString();
}
