import type { SyncState } from './sync-state';

/**
 * istiod's `/debug/syncz` (what `istioctl proxy-status` reads): per connected proxy, the nonce istiod last sent and
 * the one the proxy acknowledged, per xDS type. One entry as istiod writes it.
 */
export interface SynczEntry {
  cluster_id?: string;
  /** `pod.namespace`. */
  proxy: string;
  istio_version?: string;
  cluster_sent?: string;
  cluster_acked?: string;
  listener_sent?: string;
  listener_acked?: string;
  route_sent?: string;
  route_acked?: string;
  endpoint_sent?: string;
  endpoint_acked?: string;
}

const TYPES = [['CDS', 'cluster'], ['LDS', 'listener'], ['EDS', 'endpoint'], ['RDS', 'route']] as const;
/** Most entries read from one syncz answer (a mesh of this many proxies is already large). */
export const MAX_SYNCZ_ENTRIES = 50_000;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The sync state of proxy `pod.namespace` from a parsed syncz answer, as istioctl decides it per xDS type:
 * nothing sent is NOT SENT, sent but not acknowledged (or acknowledged an older nonce) is STALE, else SYNCED; the
 * proxy's state is its worst type's, with every non-synced type named in the reason.
 */
export function syncFromSyncz(syncz: unknown, pod: string, namespace: string): SyncState {
  const list = Array.isArray(syncz) ? syncz.slice(0, MAX_SYNCZ_ENTRIES) : [];
  const id = `${pod}.${namespace}`;
  const e = list.find((x) => typeof x === 'object' && x !== null && str((x as SynczEntry).proxy) === id) as SynczEntry | undefined;
  if (!e) return { state: 'NOT SENT', reason: `istiod has no connection from ${id}: the proxy is not connected to this control plane` };
  const problems: string[] = [];
  let worst: SyncState['state'] = 'SYNCED';
  for (const [name, key] of TYPES) {
    const sent = str(e[`${key}_sent`]) ?? '';
    const acked = str(e[`${key}_acked`]) ?? '';
    if (sent === '') {
      problems.push(`${name} not sent`);
      worst = 'NOT SENT';
    } else if (sent !== acked) {
      problems.push(`${name} sent ${sent}, acknowledged ${acked || 'nothing'} (rejected or not applied yet)`);
      if (worst === 'SYNCED') worst = 'STALE';
    }
  }
  const version = str(e.cluster_sent);
  const base = { ...(version ? { controlPlaneVersion: version } : {}), ...(str(e.route_acked) ? { proxyVersion: str(e.route_acked) as string } : {}) };
  if (problems.length === 0) return { state: 'SYNCED', reason: `every xDS type istiod sent (${version ?? '?'}) is acknowledged`, ...base };
  return { state: worst, reason: problems.join('; '), ...base };
}
