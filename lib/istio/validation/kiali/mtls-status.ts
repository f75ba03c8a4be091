import { labelsMatch } from '../../types';
import { toFqdn } from '../hosts';
import type { SourcedObject } from '../model';
import { dig, rec, str, strMap } from '../read';

/**
 * Kiali's view of mTLS: how PeerAuthentications (server side) and DestinationRules (client side) combine, per
 * mesh, namespace and workload. Used by the mTLS consistency checks (KIA01xx, KIA02xx, KIA04xx, KIA05xx).
 */

export const MTLS_ENABLED = 'MTLS_ENABLED';
export const MTLS_PARTIALLY_ENABLED = 'MTLS_PARTIALLY_ENABLED';
export const MTLS_NOT_ENABLED = 'MTLS_NOT_ENABLED';
export const MTLS_DISABLED = 'MTLS_DISABLED';

export interface TlsStatus {
  dr: string;
  pa: string;
  overall: string;
}

/** A PeerAuthentication's mode: `''` without an mtls block, `UNSET` for an empty one. */
export function paMode(pa: SourcedObject): string {
  const mtls = rec(dig(pa.object.spec, 'mtls'));
  if (!mtls) return '';
  return str(mtls.mode) ?? 'UNSET';
}

/** Mode of a selector-less (namespace- or mesh-wide) PeerAuthentication; `''` for workload-scoped ones. */
export function paWideMode(pa: SourcedObject): string {
  return dig(pa.object.spec, 'selector') !== undefined ? '' : paMode(pa);
}

/** STRICT or PERMISSIVE mode on a selector-less PeerAuthentication. */
export function paWideEnabled(pa: SourcedObject): boolean {
  const m = paWideMode(pa);
  return m === 'STRICT' || m === 'PERMISSIVE';
}

/** A DestinationRule's top-level TLS mode (`DISABLE` when tls is set without a mode), `''` without tls. */
export function drMode(dr: SourcedObject): string {
  const tls = rec(dig(dr.object.spec, 'trafficPolicy', 'tls'));
  if (!tls) return '';
  return str(tls.mode) ?? 'DISABLE';
}

/** The DR's mode when its host is exactly `host` (e.g. `*.local` mesh-wide, `*.ns.svc.cluster.local`). */
export function drModeForHost(dr: SourcedObject, host: string): string {
  const h = str(dig(dr.object.spec, 'host'));
  return h && h === host ? drMode(dr) : '';
}

export const meshWideHost = '*.local';
export const namespaceWideHost = (ns: string, identityDomain = 'svc.cluster.local') => `*.${ns}.${identityDomain}`;

/** Inputs to a status computation. */
export interface MtlsInputs {
  autoMtls: boolean;
  meshPeerAuthns: readonly SourcedObject[];
  /** PeerAuthentications of the namespace being looked at. */
  peerAuthns: readonly SourcedObject[];
  destinationRules: readonly SourcedObject[];
  services: readonly SourcedObject[];
}

function finalStatus(dr: string, pa: string, autoMtls: boolean, allowPermissive: boolean): TlsStatus {
  let overall = MTLS_PARTIALLY_ENABLED;
  const enabled = dr === 'ISTIO_MUTUAL' || dr === 'MUTUAL' || (dr === '' && autoMtls);
  const disabled = dr === 'DISABLE' || (dr === '' && autoMtls);
  if ((pa === 'STRICT' || (pa === 'PERMISSIVE' && allowPermissive)) && enabled) overall = MTLS_ENABLED;
  else if (pa === 'DISABLE' && disabled) overall = MTLS_DISABLED;
  else if (pa === '' && dr === '') overall = MTLS_NOT_ENABLED;
  return { dr, pa, overall };
}

const firstMode = (list: readonly SourcedObject[], f: (o: SourcedObject) => string) => list.map(f).find((m) => m !== '') ?? '';

function overallStatus(ns: TlsStatus, mesh: TlsStatus, autoMtls: boolean): string {
  const defined = (t: TlsStatus) => t.overall === MTLS_ENABLED || t.overall === MTLS_DISABLED;
  if (defined(ns)) return ns.overall;
  if (ns.overall === MTLS_PARTIALLY_ENABLED) {
    const inherited = finalStatus(ns.dr || mesh.dr, ns.pa || mesh.pa, autoMtls, true);
    return overallStatus({ dr: '', pa: '', overall: '' }, inherited, autoMtls);
  }
  if (defined(mesh)) return mesh.overall;
  if (mesh.pa === '' && mesh.dr === '') return MTLS_NOT_ENABLED;
  if ((mesh.pa === 'DISABLE' && mesh.dr === '') || (mesh.dr === 'DISABLE' && mesh.pa === '')) return MTLS_DISABLED;
  if (autoMtls) {
    const half =
      (mesh.pa === 'STRICT' && mesh.dr === '') || ((mesh.dr === 'ISTIO_MUTUAL' || mesh.dr === 'MUTUAL') && mesh.pa === '') || (mesh.pa === 'PERMISSIVE' && mesh.dr === '');
    if (half) return MTLS_ENABLED;
  }
  return MTLS_PARTIALLY_ENABLED;
}

/** Mesh-wide status from root-namespace PeerAuthentications and `*.local` DestinationRules. */
export function meshStatus(i: MtlsInputs): TlsStatus {
  const s = finalStatus(firstMode(i.destinationRules, (d) => drModeForHost(d, meshWideHost)), firstMode(i.meshPeerAuthns, paWideMode), i.autoMtls, true);
  return { ...s, overall: overallStatus({ dr: '', pa: '', overall: '' }, s, i.autoMtls) };
}

/** Namespace status (namespace-wide PeerAuthentication and `*.ns.svc.cluster.local` DestinationRule). */
export function namespaceStatus(i: MtlsInputs, ns: string): TlsStatus {
  return finalStatus(firstMode(i.destinationRules, (d) => drModeForHost(d, namespaceWideHost(ns))), firstMode(i.peerAuthns, paWideMode), i.autoMtls, true);
}

/** Whether workloads with `labels` in `ns` receive mTLS traffic, as Kiali decides it. */
export function isMtlsEnabledFor(i: MtlsInputs, ns: string, labels: Record<string, string>): boolean {
  let nsLevel = overallStatus(namespaceStatus(i, ns), meshStatus(i), i.autoMtls);
  if (nsLevel === MTLS_NOT_ENABLED && i.autoMtls) nsLevel = MTLS_ENABLED;
  const nsEnabled = nsLevel === MTLS_ENABLED;
  switch (workloadStatus(i, ns, labels)) {
    case MTLS_ENABLED:
      return true;
    case MTLS_DISABLED:
      return false;
    default:
      return nsEnabled;
  }
}

function workloadStatus(i: MtlsInputs, ns: string, labels: Record<string, string>): string {
  for (const pa of i.peerAuthns) {
    const sel = strMap(dig(pa.object.spec, 'selector', 'matchLabels'));
    if (dig(pa.object.spec, 'selector') === undefined || !labelsMatch(sel ?? {}, labels)) continue;
    const mode = paMode(pa);
    if (mode === 'STRICT') return MTLS_ENABLED;
    if (mode === 'DISABLE') return MTLS_DISABLED;
    if (mode === 'PERMISSIVE') {
      // Decided by DestinationRules for the services fronting the selected workloads.
      for (const svc of i.services) {
        if ((svc.object.metadata.namespace ?? '') !== ns) continue;
        const svcSel = strMap(dig(svc.object.spec, 'selector')) ?? {};
        if (!labelsMatch(sel ?? {}, svcSel)) continue;
        const fqdn = toFqdn(svc.object.metadata.name, ns);
        for (const dr of i.destinationRules) {
          const host = str(dig(dr.object.spec, 'host')) ?? '';
          if (toFqdn(host, dr.object.metadata.namespace ?? '') !== fqdn) continue;
          const m = drMode(dr);
          if (m === 'ISTIO_MUTUAL' || m === 'MUTUAL') return MTLS_ENABLED;
          if (m === 'DISABLE') return MTLS_DISABLED;
        }
      }
      return MTLS_NOT_ENABLED;
    }
  }
  return MTLS_NOT_ENABLED;
}
