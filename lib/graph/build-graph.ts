/**
 * The graph pipeline: telemetry → traffic → appenders → (service reduction) → wire JSON. Pure: sources
 * gather the telemetry and config, this decides what the graph says.
 */
import type { GraphResponse } from '../api/graph';
import { buildTraffic } from './build-traffic';
import { gatewaysAppender } from './appenders/gateways';
import { healthAppender } from './appenders/health';
import { idleNodesAppender } from './appenders/idle-nodes';
import { istioConfigAppender } from './appenders/istio-config';
import { outOfMeshAppender } from './appenders/out-of-mesh';
import { outsideRootAppender } from './appenders/outside-root';
import { responseTimeAppender } from './appenders/response-time';
import { serviceEntryAppender } from './appenders/service-entry';
import { throughputAppender } from './appenders/throughput';
import type { Appender, AppenderContext, GraphOptions, InventoryWorkload, MeshConfigSnapshot } from './appenders/types';
import { reduceToServiceGraph } from './service-graph';
import { graphJsonBytes, serializeGraph } from './serialize';
import type { TrafficGraph } from './model';
import type { GraphTelemetry } from './telemetry';

/** Appenders that run on the full (workload-level) graph, before any service reduction. */
const BEFORE_REDUCTION: Appender[] = [idleNodesAppender, outsideRootAppender];
/** Appenders that decorate the final graph. */
const DECORATORS: Appender[] = [
  outsideRootAppender,
  responseTimeAppender,
  throughputAppender,
  serviceEntryAppender,
  istioConfigAppender,
  gatewaysAppender,
  outOfMeshAppender,
  healthAppender,
];

export interface BuildGraphInput {
  options: GraphOptions;
  telemetry: GraphTelemetry;
  config: MeshConfigSnapshot;
  inventory?: InventoryWorkload[];
}

/**
 * Builds the CONTRACT §3 graph. A service graph is built as a workload graph with service nodes injected,
 * then reduced, as Kiali does.
 */
export function buildGraph(input: BuildGraphInput): GraphResponse {
  return serializeGraph(buildWorkingGraph(input), input.options);
}

/** {@link buildGraph}'s answer as the UTF-8 JSON the graph API sends (what the server uses: no object detour). */
export function buildGraphBytes(input: BuildGraphInput): Uint8Array {
  return graphJsonBytes(buildWorkingGraph(input), input.options);
}

/** {@link buildGraphBytes} as text. */
export function buildGraphJson(input: BuildGraphInput): string {
  return new TextDecoder().decode(buildGraphBytes(input));
}

function buildWorkingGraph(input: BuildGraphInput): TrafficGraph {
  const o = input.options;
  const service = o.graphType === 'service';
  const { graph, pairs } = buildTraffic(input.telemetry, {
    graphType: o.graphType,
    injectServiceNodes: service || o.injectServiceNodes,
    includeIdleEdges: o.includeIdleEdges,
  });
  const ctx: AppenderContext = { options: o, telemetry: input.telemetry, pairs, config: input.config };
  if (input.inventory) ctx.inventory = input.inventory;
  let g = graph;
  for (const a of BEFORE_REDUCTION) g = a.append(g, ctx);
  if (service) g = reduceToServiceGraph(g, pairs);
  for (const a of DECORATORS) g = a.append(g, ctx);
  return g;
}
