/** Istio's protocol selection for Kubernetes Service ports (appProtocol, else the port name's prefix). */

const KNOWN = new Set(['tcp', 'udp', 'grpc', 'grpc-web', 'http', 'http_proxy', 'http2', 'https', 'tls', 'mongo', 'redis', 'mysql', 'hbone']);
const K8S_APP_PROTOCOLS: Record<string, string> = { 'kubernetes.io/h2c': 'http2', 'kubernetes.io/ws': 'http', 'kubernetes.io/wss': 'https' };

/** The protocol a port name or appProtocol names, lower-case, or undefined when Istio cannot tell. */
export function parseProtocol(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const p = s.toLowerCase();
  return KNOWN.has(p) ? p : K8S_APP_PROTOCOLS[p];
}

/**
 * The protocol Istio infers for a Service port: a known `appProtocol` wins; else the port name, whole or up to
 * its first `-` (`http-web` → http, `grpc-web-x` → grpc-web); UDP/SCTP ports are what they say. Undefined means
 * "unsupported": Istio treats the traffic as opaque TCP and naming conventions are violated.
 */
export function servicePortProtocol(port: { name?: string; protocol?: string; appProtocol?: string }): string | undefined {
  if (port.protocol === 'UDP') return 'udp';
  if (port.protocol === 'SCTP') return 'sctp';
  const fromApp = parseProtocol(port.appProtocol);
  if (fromApp) return fromApp;
  const name = port.name ?? '';
  if (name.toLowerCase().startsWith('grpc-web') && (name.length === 8 || name[8] === '-')) return 'grpc-web';
  const prefix = name.split('-')[0];
  return parseProtocol(prefix);
}
