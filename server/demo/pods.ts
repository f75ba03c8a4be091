import path from 'node:path';

// Kubernetes' "safe" alphabet for generated name suffixes (no vowels, no look-alikes).
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function suffix(seed: string, length: number): string {
  // FNV-1a, then base-27 digits: stable across restarts, so bookmarks and log paths keep working.
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    out += ALPHABET[h % ALPHABET.length];
    h = (Math.floor(h / ALPHABET.length) ^ Math.imul(h, 31 + i)) >>> 0;
  }
  return out;
}

/** The demo's one pod per Deployment, named as a ReplicaSet names its pods: `reviews-v1-7f9c8d6b5-x2x4q`. */
export function demoPodName(workload: string): string {
  return `${workload}-${suffix(`rs/${workload}`, 9)}-${suffix(`pod/${workload}`, 5)}`;
}

/** The Envoy sidecar's container name, as Istio injects it. */
export const PROXY_CONTAINER = 'istio-proxy';

/**
 * Where the demo writes a container's log, laid out as kubelet does under /var/log/pods: one folder per pod,
 * one file per container, each line prefixed with its RFC 3339 timestamp (what `kubectl logs --timestamps` shows).
 */
export function demoLogFile(dataDir: string, namespace: string, pod: string, container: string): string {
  return path.join(dataDir, 'demo', 'pods', `${namespace}_${pod}`, `${container}.log`);
}
