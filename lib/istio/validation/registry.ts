import type { Analyzer } from './analyzer';
import { annotationsAnalyzer, alphaAnnotationsAnalyzer } from './analyzers/annotations';
import { applicationUidAnalyzer } from './analyzers/application-uid';
import { authorizationPoliciesAnalyzer } from './analyzers/authorization-policies';
import { blockedCidrsAnalyzer } from './analyzers/blocked-cidrs';
import { caCertificateAnalyzer } from './analyzers/ca-certificate';
import { conditionAnalyzer } from './analyzers/conditions';
import { conflictingGatewayAnalyzer } from './analyzers/conflicting-gateway';
import { conflictingMeshGatewayHostsAnalyzer } from './analyzers/conflicting-mesh-gateway-hosts';
import { conflictingServiceEntryProtocolAnalyzer } from './analyzers/conflicting-service-entry-protocol';
import { deprecationAnalyzer } from './analyzers/deprecation';
import { envoyPatchAnalyzer } from './analyzers/envoy-patch';
import { externalControlPlaneAnalyzer } from './analyzers/external-control-plane';
import { gatewayCertificateAnalyzer } from './analyzers/gateway-certificate';
import { gatewaySecretAnalyzer } from './analyzers/gateway-secret';
import { imageAutoAnalyzer } from './analyzers/image-auto';
import { ingressGatewayPortAnalyzer } from './analyzers/ingress-gateway-port';
import { injectionAnalyzer } from './analyzers/injection';
import { injectionImageAnalyzer } from './analyzers/injection-image';
import { jwtClaimRouteAnalyzer } from './analyzers/jwt-claim-route';
import { k8sGatewayCrdVersionAnalyzer } from './analyzers/k8sgateway-crd-version';
import { k8sGatewaySelectorAnalyzer } from './analyzers/k8sgateway-selector';
import { kialiAuthzMtlsAnalyzer } from './analyzers/kiali-authz-mtls';
import { kialiAuthzOperationsAnalyzer } from './analyzers/kiali-authz-operations';
import { kialiDestinationRuleMtlsAnalyzer } from './analyzers/kiali-dr-mtls';
import { kialiExportToAnalyzer } from './analyzers/kiali-export-to';
import { kialiMultiMatchAnalyzer } from './analyzers/kiali-multi-match';
import { kialiPeerAuthenticationMtlsAnalyzer } from './analyzers/kiali-pa-mtls';
import { kialiRouteAnalyzer } from './analyzers/kiali-routes';
import { kialiServicePortsAnalyzer } from './analyzers/kiali-service-ports';
import { kialiSidecarAnalyzer } from './analyzers/kiali-sidecar';
import { kialiSubsetNoLabelsAnalyzer } from './analyzers/kiali-subset-labels';
import { kialiWorkloadSelectorAnalyzer } from './analyzers/kiali-workload-selectors';
import { meshNetworksAnalyzer } from './analyzers/mesh-networks';
import { multiServiceAnalyzer } from './analyzers/multi-service';
import { multiClusterServiceAnalyzer } from './analyzers/multicluster-service';
import { portNameAnalyzer } from './analyzers/port-name';
import { schemaAnalyzers } from './analyzers/schema';
import { serviceEntryAddressesAnalyzer } from './analyzers/service-entry-addresses';
import { sidecarSelectorAnalyzer } from './analyzers/sidecar-selector';
import { subsetSelectPodAnalyzer } from './analyzers/subset-select-pod';
import { telemetryLightstepAnalyzer } from './analyzers/telemetry-lightstep';
import { telemetryProviderAnalyzer } from './analyzers/telemetry-provider';
import { telemetrySelectorAnalyzer, telemetryDefaultSelectorAnalyzer } from './analyzers/telemetry-selector';
import { vsDestinationHostAnalyzer } from './analyzers/vs-destination-host';
import { vsDestinationRuleAnalyzer } from './analyzers/vs-destination-rule';
import { vsGatewayAnalyzer } from './analyzers/vs-gateway';
import { webhookAnalyzer } from './analyzers/webhook';

/**
 * Every analyzer, by istioctl analyzer name (or `kiali.<checker>` for Kiali-only rules). Conformance selects one
 * by name per case; `validate` runs all but the opt-in ones by default, in this order.
 */
export const ANALYZERS: readonly Analyzer[] = [
  // istioctl analyze
  caCertificateAnalyzer,
  ingressGatewayPortAnalyzer,
  conflictingGatewayAnalyzer,
  vsGatewayAnalyzer,
  portNameAnalyzer,
  envoyPatchAnalyzer,
  subsetSelectPodAnalyzer,
  serviceEntryAddressesAnalyzer,
  conflictingServiceEntryProtocolAnalyzer,
  applicationUidAnalyzer,
  externalControlPlaneAnalyzer,
  injectionImageAnalyzer,
  vsDestinationHostAnalyzer,
  vsDestinationRuleAnalyzer,
  conflictingMeshGatewayHostsAnalyzer,
  sidecarSelectorAnalyzer,
  telemetrySelectorAnalyzer,
  telemetryDefaultSelectorAnalyzer,
  gatewaySecretAnalyzer,
  gatewayCertificateAnalyzer,
  multiServiceAnalyzer,
  blockedCidrsAnalyzer,
  injectionAnalyzer,
  authorizationPoliciesAnalyzer,
  telemetryProviderAnalyzer,
  jwtClaimRouteAnalyzer,
  conditionAnalyzer,
  deprecationAnalyzer,
  telemetryLightstepAnalyzer,
  k8sGatewaySelectorAnalyzer,
  k8sGatewayCrdVersionAnalyzer,
  imageAutoAnalyzer,
  webhookAnalyzer,
  meshNetworksAnalyzer,
  annotationsAnalyzer,
  alphaAnnotationsAnalyzer,
  multiClusterServiceAnalyzer,
  // Kiali checks without an istioctl equivalent
  kialiAuthzMtlsAnalyzer,
  kialiDestinationRuleMtlsAnalyzer,
  kialiPeerAuthenticationMtlsAnalyzer,
  kialiExportToAnalyzer,
  kialiSubsetNoLabelsAnalyzer,
  kialiWorkloadSelectorAnalyzer,
  kialiMultiMatchAnalyzer,
  kialiRouteAnalyzer,
  kialiSidecarAnalyzer,
  kialiAuthzOperationsAnalyzer,
  kialiServicePortsAnalyzer,
  // CRD schemas and istiod's validation, one analyzer per kind
  ...schemaAnalyzers,
];
