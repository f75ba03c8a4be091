/** Whether a proxy holds the config the control plane last sent, as `istioctl proxy-status` reports it. */
export interface SyncState {
  state: 'SYNCED' | 'STALE' | 'NOT SENT' | 'UNKNOWN';
  reason: string;
  proxyVersion?: string;
  controlPlaneVersion?: string;
}
