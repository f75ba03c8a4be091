import type { SchemaError } from '../check-schema';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const TLS_PROTOCOLS = new Set(['HTTPS', 'TLS']);

/**
 * istiod's Gateway rules beyond the CRD schema: at least one server, each with a port and hosts, unique port
 * names, `ns/host` host syntax, and terminating TLS servers that say where their certificate comes from.
 */
export function gatewayProblems(spec: unknown): SchemaError[] {
  const s = rec(spec);
  if (!s) return [];
  const out: SchemaError[] = [];
  const servers = arr(s.servers);
  if (servers.length === 0) out.push({ path: ['spec', 'servers'], message: 'gateway must have at least one server' });
  const names = new Set<string>();
  servers.forEach((sv, i) => {
    const server = rec(sv);
    if (!server) return;
    const path = ['spec', 'servers', i];
    const port = rec(server.port);
    if (!port) out.push({ path: [...path, 'port'], message: 'server port is required' });
    const name = port?.name;
    if (typeof name === 'string' && name !== '') {
      if (names.has(name)) out.push({ path: [...path, 'port', 'name'], message: `port names in servers must be unique: duplicate name ${name}` });
      names.add(name);
    }
    const hosts = arr(server.hosts);
    if (hosts.length === 0) out.push({ path: [...path, 'hosts'], message: 'server config must contain at least one host' });
    hosts.forEach((h, j) => {
      if (typeof h === 'string' && h.split('/').length > 2) out.push({ path: [...path, 'hosts', j], message: `invalid host ${JSON.stringify(h)}: expected [namespace/]host` });
    });
    const tls = rec(server.tls);
    const protocol = typeof port?.protocol === 'string' ? port.protocol.toUpperCase() : '';
    if (TLS_PROTOCOLS.has(protocol) && !tls) out.push({ path: [...path, 'tls'], message: `server with protocol ${protocol} must have TLS settings` });
    const mode = tls?.mode ?? 'SIMPLE';
    if (tls && (mode === 'SIMPLE' || mode === 'MUTUAL') && !tls.httpsRedirect) {
      const hasCert = typeof tls.credentialName === 'string' || arr(tls.credentialNames).length > 0 || arr(tls.tlsCertificates).length > 0 || (typeof tls.serverCertificate === 'string' && typeof tls.privateKey === 'string');
      if (!hasCert) out.push({ path: [...path, 'tls'], message: `TLS mode ${String(mode)} requires credentialName, or serverCertificate and privateKey` });
    }
  });
  return out;
}
