import type { K8sObject } from '../../../lib/istio/types';

// Fields a store sets itself: a file store drops them when writing, the API server fills them in.
const SERVER_META = new Set(['resourceVersion', 'uid', 'generation', 'creationTimestamp', 'managedFields']);

/** Whether two objects say the same thing, ignoring server-owned fields, `status` and key order. */
export function sameContent(a: K8sObject, b: K8sObject): boolean {
  return canonical(strip(a)) === canonical(strip(b));
}

function strip(o: K8sObject): unknown {
  const { status: _status, metadata, ...rest } = o as K8sObject & { status?: unknown };
  const meta = Object.fromEntries(Object.entries(metadata ?? {}).filter(([k]) => !SERVER_META.has(k)));
  return { ...rest, metadata: meta };
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0))) : x,
  );
}
