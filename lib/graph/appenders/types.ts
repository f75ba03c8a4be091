/**
 * Appenders decorate the traffic graph one concern at a time (Kiali's `graph/appender.go` pattern):
 * each reads the graph, the request options and what the request gathered, and returns the graph.
 */
import type { GraphType, ResponseTimeQuantile } from '../../api/graph';
import type { DestinationRule, Gateway, ServiceEntry, VirtualService } from '../../istio/types';
import type { PairIndex } from '../build-traffic';
import type { TrafficGraph } from '../model';
import type { HealthPolicy } from '../../traffic/health';
import type { GraphTelemetry } from '../telemetry';

export interface GraphOptions {
  namespaces: string[];
  graphType: GraphType;
  injectServiceNodes: boolean;
  includeIdleEdges: boolean;
  idleNodes: boolean;
  responseTime: ResponseTimeQuantile;
  throughputType: 'request' | 'response';
  boxBy: ('app' | 'namespace' | 'cluster')[];
  /** Window length, seconds. */
  durationSec: number;
  /** End of the window, unix seconds. */
  queryTimeSec: number;
}

/** The mesh config objects the badges read (from the config store). */
export interface MeshConfigSnapshot {
  virtualServices: VirtualService[];
  destinationRules: DestinationRule[];
  serviceEntries: ServiceEntry[];
  gateways: Gateway[];
}

export const emptyMeshConfig = (): MeshConfigSnapshot => ({ virtualServices: [], destinationRules: [], serviceEntries: [], gateways: [] });

/** A workload known to exist (demo inventory, Deployments), for idle nodes and the sidecar check. */
export interface InventoryWorkload {
  cluster?: string;
  namespace: string;
  workload: string;
  app: string;
  version: string;
  sidecar: boolean;
  /** Services selecting this workload. */
  services: string[];
}

export interface AppenderContext {
  options: GraphOptions;
  telemetry: GraphTelemetry;
  /** Edges each exchange contributed to (from the traffic build). */
  pairs: PairIndex;
  config: MeshConfigSnapshot;
  inventory?: InventoryWorkload[];
  /** Health tolerances (default: Kiali's, lib/traffic/health). */
  health?: HealthPolicy;
}

export interface Appender {
  name: string;
  append(g: TrafficGraph, ctx: AppenderContext): TrafficGraph;
}
