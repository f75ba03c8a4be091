/** Workloads, pod logs and Envoy config dumps (server/features/workloads). */
export interface WorkloadsLimits {
  /** Most log lines one logs answer holds (`maxLines` above this is lowered to it). */
  maxLogLines: number;
  /** Bytes of log read from the API server (or a demo log file) for one answer. */
  maxLogBytes: number;
  /** Bytes of one Envoy config dump read through the pod proxy; a larger dump is refused with 502. */
  maxConfigDumpBytes: number;
  /** Rows one `config_dump/{resource}` answer holds. */
  maxConfigRows: number;
  /** Milliseconds to wait for the API server or a proxy's admin port. */
  upstreamTimeoutMs: number;
}

export const WORKLOADS_LIMITS: WorkloadsLimits = {
  maxLogLines: 5000,
  maxLogBytes: 2 * 1024 * 1024,
  maxConfigDumpBytes: 16 * 1024 * 1024,
  maxConfigRows: 5000,
  upstreamTimeoutMs: 10_000,
};
