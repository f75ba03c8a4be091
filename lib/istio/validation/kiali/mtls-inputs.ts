import type { AnalysisContext } from '../context';
import { GK, nsOf } from '../snapshot';
import type { MtlsInputs } from './mtls-status';

/** Whether istiod's auto mTLS is on (MeshConfig `enableAutoMtls`, default true). */
export function autoMtlsEnabled(ctx: AnalysisContext): boolean {
  return ctx.meshConfig.enableAutoMtls !== false;
}

/** The mTLS inputs for objects in namespace `ns`: mesh PeerAuthentications live in the root namespace. */
export function mtlsInputs(ctx: AnalysisContext, ns: string): MtlsInputs {
  const root = typeof ctx.meshConfig.rootNamespace === 'string' ? ctx.meshConfig.rootNamespace : ctx.istioNamespace;
  const pas = ctx.snapshot.of(GK.PeerAuthentication);
  return {
    autoMtls: autoMtlsEnabled(ctx),
    meshPeerAuthns: pas.filter((p) => nsOf(p) === root),
    peerAuthns: pas.filter((p) => nsOf(p) === ns && ns !== root),
    destinationRules: ctx.snapshot.of(GK.DestinationRule),
    services: ctx.snapshot.of(GK.Service),
  };
}
