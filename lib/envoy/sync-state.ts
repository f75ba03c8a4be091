/** Whether a proxy holds the config the control plane last sent, as `istioctl proxy-status` reports it. */
export interface SyncState {
  state: 'SYNCED' | 'STALE' | 'NOT SENT' | 'UNKNOWN';
  reason: string;
  proxyVersion?: string;
  controlPlaneVersion?: string;
}

/**
 * Compares the version a proxy accepted (its config dump's `version_info`) with what the control plane sent.
 * No version in the dump means nothing was ever sent; an older one means the proxy rejected (NACKed) or has not
 * yet applied the newest push.
 */
export function syncState(proxyVersion: string | undefined, controlPlaneVersion: string | undefined): SyncState {
  if (controlPlaneVersion === undefined) {
    return { state: 'UNKNOWN', reason: 'the control plane\'s pushed version is not known here', ...(proxyVersion ? { proxyVersion } : {}) };
  }
  if (!proxyVersion || proxyVersion === '0') return { state: 'NOT SENT', reason: 'the proxy holds no config from the control plane (nothing sent, or every push rejected)', controlPlaneVersion };
  if (proxyVersion === controlPlaneVersion) return { state: 'SYNCED', reason: `the proxy holds version ${proxyVersion}, the newest the control plane sent`, proxyVersion, controlPlaneVersion };
  return { state: 'STALE', reason: `the proxy holds version ${proxyVersion} but the control plane sent ${controlPlaneVersion}: it rejected the push or has not applied it yet`, proxyVersion, controlPlaneVersion };
}
