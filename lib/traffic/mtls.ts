/**
 * The one mTLS rule. The destination proxy says what it accepted (`connection_security_policy`: `mutual_tls` or
 * `none`); the source proxy always reports `unknown` there, as Istio does, but it names the peer it verified
 * (`destination_principal`, a SPIFFE id) only over mutual TLS. So a row is mutual TLS when the destination says so,
 * or when a source row carries a verified destination principal. Which reporter a graph happens to read (it
 * depends on the namespaces in view) then does not change an edge's `isMTLS`.
 */
import type { Labels } from '../metrics/labels';

/** Whether the requests (or bytes) of a telemetry row went over mutual TLS. */
export function isMutualTls(l: Labels): boolean {
  const policy = l.connection_security_policy;
  if (policy === 'mutual_tls') return true;
  if (policy === 'none') return false;
  if (l.reporter !== 'source') return false;
  const p = l.destination_principal;
  return p !== undefined && p.startsWith('spiffe://');
}
