/** A readable one-line-per-element rendering of a graph response, for golden files a person can review. */
import type { GraphResponse, NodeData } from '../../api/graph';

const FLAG_NAMES = ['isRoot', 'isOutside', 'isIdle', 'isOutOfMesh', 'hasCB', 'hasTrafficShifting', 'hasTCPTrafficShifting', 'hasFaultInjection', 'hasRequestRouting', 'hasRequestTimeout', 'hasMirroring'] as const;

function nodeLine(n: NodeData): string {
  const flags: string[] = FLAG_NAMES.filter((f) => n[f]);
  if (n.isGateway) flags.push(`gateway(${n.isGateway.ingressInfo ? 'ingress' : 'egress'})`);
  if (n.isServiceEntry) flags.push(`serviceEntry(${n.isServiceEntry.location})`);
  if (n.hasVS) flags.push(`hasVS(${(n.hasVS.hostnames ?? []).join('|')})`);
  const fields = [n.workload && `wl=${n.workload}`, n.app && `app=${n.app}`, n.version && `ver=${n.version}`, n.service && `svc=${n.service}`].filter(Boolean);
  const traffic = (n.traffic ?? []).map((t) => `${t.protocol}{${Object.entries(t.rates).map(([k, v]) => `${k}=${v}`).join(',')}}`);
  const parent = n.parent ? ` parent=${n.parent}` : '';
  return `node ${n.id} ${n.nodeType} ns=${n.namespace} ${fields.join(' ')} [${flags.join(',')}] health=${n.healthStatus ?? '-'}${n.healthReason ? ` (${n.healthReason.text})` : ''} ${traffic.join(' ')}${parent}`.replace(/ +/g, ' ');
}

export function summarize(g: GraphResponse): string {
  const lines = [`graphType=${g.graphType} duration=${g.duration} timestamp=${g.timestamp} nodes=${g.elements.nodes.length} edges=${g.elements.edges.length}`];
  for (const { data } of g.elements.nodes) lines.push(nodeLine(data));
  for (const { data: e } of g.elements.edges) {
    const rates = Object.entries(e.traffic.rates).map(([k, v]) => `${k}=${v}`).join(',');
    const codes = Object.entries(e.traffic.responses)
      .map(([code, d]) => `${code}:${Object.entries(d.flags).map(([f, p]) => `${f}=${p}`).join('/')}@${Object.entries(d.hosts).map(([h, p]) => `${h}=${p}`).join('/')}`)
      .join(' ');
    const extra = [
      e.responseTime !== undefined && `rt=${e.responseTime}`,
      e.throughput !== undefined && `tp=${e.throughput}`,
      e.isMTLS !== undefined && `mtls=${e.isMTLS}`,
      e.healthStatus && `health=${e.healthStatus}${e.healthReason ? ` (${e.healthReason.text})` : ''}`,
    ].filter(Boolean);
    lines.push(`edge ${e.source} -> ${e.target} ${e.traffic.protocol} {${rates}} ${extra.join(' ')} codes[${codes}]`);
  }
  return lines.join('\n') + '\n';
}
