/** Health of an item from its figures (the graph's health appender applies the same rule to its edges and nodes). */
import type { TrafficFiguresWire } from '../api/traffic-figures';
import { DEFAULT_HEALTH_POLICY, judgeHealth, type HealthInput, type HealthPolicy, type HealthVerdict } from './health';

function inputs(direction: 'inbound' | 'outbound' | 'edge', f: TrafficFiguresWire): HealthInput[] {
  const out: HealthInput[] = [];
  for (const protocol of ['http', 'grpc'] as const) {
    const p = f.byProtocol[protocol];
    if (!(p.rate > 0)) continue;
    const worst = f.peers.find((x) => x.protocol === protocol);
    out.push({
      direction,
      protocol,
      requests: p.rate,
      errors: p.errorRate,
      byClass: p.byClass,
      flags: Object.keys(p.flags),
      // Calls name whom they went to; received requests name no caller (the graph's callers may be service nodes).
      ...(direction === 'outbound' && worst && worst.errors > 0 ? { peer: worst.name } : {}),
    });
  }
  return out;
}

/** Judges inbound (and outbound) figures per protocol: Kiali's tolerances, the worse with its reason. */
export function healthOfFigures(inbound: TrafficFiguresWire, outbound: TrafficFiguresWire | undefined, policy: HealthPolicy = DEFAULT_HEALTH_POLICY, edge = false): HealthVerdict {
  return judgeHealth([...inputs(edge ? 'edge' : 'inbound', inbound), ...(outbound ? inputs('outbound', outbound) : [])], policy);
}
