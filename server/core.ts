import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from './config';
import type { Route } from './http/router';
import type { MeshConfigStore } from './sources/config/store';
import type { ConfigHistory } from './stores/history/journal';

/** What the demo mesh exposes to the rest of the server while it runs. */
export interface DemoHandle {
  /** Envoy-style /stats/prometheus URLs of every demo workload plus istiod's /metrics. */
  targets(): string[];
  /** Workloads with their ports and whether they carry a sidecar. */
  workloads(): DemoWorkloadInfo[];
  stop(): Promise<void>;
}

export interface DemoWorkloadInfo {
  name: string;
  namespace: string;
  app: string;
  version?: string;
  port: number;
  sidecar: boolean;
  protocol: 'http' | 'tcp';
}

/** Shared services every feature may use. Built once in main.ts. */
export interface Core {
  config: Config;
  log: Logger;
  /** Meshlens's own metrics (served at /metrics). */
  registry: Registry;
  /** The mesh config (files or Kubernetes): reads are in-memory snapshots, writes go to the backing store. */
  configStore: MeshConfigStore;
  /** Journal of every config write made through Meshlens (who, when, before/after); absent in read-only tests. */
  history?: ConfigHistory;
  /** Present while the embedded demo runs. */
  demo?: DemoHandle;
  /** The server's own base URL, e.g. http://127.0.0.1:3000 (for receivers the demo posts to). */
  baseUrl: string;
  /** Wall clock in ms; tests may replace it. */
  now(): number;
}

/**
 * A feature is one room of the server (graph, traces, config...). main.ts starts each in turn,
 * mounts its routes, and stops them in reverse order on shutdown (flushing stores).
 */
export interface Feature {
  name: string;
  start(core: Core): Promise<FeatureHandle>;
}

export interface FeatureHandle {
  routes: Route[];
  /** Flush and close; called on SIGTERM/SIGINT after the listener has stopped accepting. */
  stop?(): Promise<void>;
  /** A small status object merged into /api/health under the feature's name. */
  status?(): Record<string, unknown>;
}
