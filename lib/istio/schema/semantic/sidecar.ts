import type { SchemaError } from '../check-schema';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** istiod's Sidecar rules beyond the CRD schema: something configured, egress hosts in `namespace/host` form. */
export function sidecarProblems(spec: unknown): SchemaError[] {
  const s = rec(spec);
  if (!s) return [{ path: ['spec'], message: 'sidecar: empty configuration provided' }];
  const out: SchemaError[] = [];
  if (arr(s.egress).length === 0 && arr(s.ingress).length === 0 && !rec(s.outboundTrafficPolicy) && !rec(s.inboundConnectionPool)) {
    out.push({ path: ['spec'], message: 'sidecar: empty configuration provided' });
  }
  arr(s.egress).forEach((e, i) => {
    const hosts = arr(rec(e)?.hosts);
    if (hosts.length === 0) out.push({ path: ['spec', 'egress', i, 'hosts'], message: 'sidecar: egress listener must contain at least one host' });
    hosts.forEach((h, j) => {
      if (typeof h !== 'string') return;
      const parts = h.split('/');
      if (parts.length !== 2 || parts[0] === '' || parts[1] === '') out.push({ path: ['spec', 'egress', i, 'hosts', j], message: `sidecar: host must be of form namespace/dnsName, got ${JSON.stringify(h)}` });
    });
  });
  return out;
}
