import type { Analyzer } from './analyzer';
import { caCertificateAnalyzer } from './analyzers/ca-certificate';
import { conflictingGatewayAnalyzer } from './analyzers/conflicting-gateway';
import { ingressGatewayPortAnalyzer } from './analyzers/ingress-gateway-port';
import { vsGatewayAnalyzer } from './analyzers/vs-gateway';
import { portNameAnalyzer } from './analyzers/port-name';
import { subsetSelectPodAnalyzer } from './analyzers/subset-select-pod';
import { serviceEntryAddressesAnalyzer } from './analyzers/service-entry-addresses';
import { conflictingServiceEntryProtocolAnalyzer } from './analyzers/conflicting-service-entry-protocol';
import { applicationUidAnalyzer } from './analyzers/application-uid';
import { externalControlPlaneAnalyzer } from './analyzers/external-control-plane';
import { injectionImageAnalyzer } from './analyzers/injection-image';
import { vsDestinationHostAnalyzer } from './analyzers/vs-destination-host';
import { vsDestinationRuleAnalyzer } from './analyzers/vs-destination-rule';
import { conflictingMeshGatewayHostsAnalyzer } from './analyzers/conflicting-mesh-gateway-hosts';
import { sidecarSelectorAnalyzer } from './analyzers/sidecar-selector';
import { telemetrySelectorAnalyzer, telemetryDefaultSelectorAnalyzer } from './analyzers/telemetry-selector';
import { schemaAnalyzers } from './analyzers/schema';
import { gatewaySecretAnalyzer } from './analyzers/gateway-secret';
import { gatewayCertificateAnalyzer } from './analyzers/gateway-certificate';
import { multiServiceAnalyzer } from './analyzers/multi-service';
import { blockedCidrsAnalyzer } from './analyzers/blocked-cidrs';
import { injectionAnalyzer } from './analyzers/injection';
import { authorizationPoliciesAnalyzer } from './analyzers/authorization-policies';
import { telemetryProviderAnalyzer } from './analyzers/telemetry-provider';
import { jwtClaimRouteAnalyzer } from './analyzers/jwt-claim-route';
import { conditionAnalyzer } from './analyzers/conditions';
import { deprecationAnalyzer } from './analyzers/deprecation';
import { telemetryLightstepAnalyzer } from './analyzers/telemetry-lightstep';
import { k8sGatewaySelectorAnalyzer } from './analyzers/k8sgateway-selector';
import { k8sGatewayCrdVersionAnalyzer } from './analyzers/k8sgateway-crd-version';
import { imageAutoAnalyzer } from './analyzers/image-auto';
import { webhookAnalyzer } from './analyzers/webhook';
import { meshNetworksAnalyzer } from './analyzers/mesh-networks';
import { kialiAuthzMtlsAnalyzer } from './analyzers/kiali-authz-mtls';
import { kialiDestinationRuleMtlsAnalyzer } from './analyzers/kiali-dr-mtls';
import { kialiPeerAuthenticationMtlsAnalyzer } from './analyzers/kiali-pa-mtls';
import { kialiExportToAnalyzer } from './analyzers/kiali-export-to';
import { kialiSubsetNoLabelsAnalyzer } from './analyzers/kiali-subset-labels';
import { annotationsAnalyzer, alphaAnnotationsAnalyzer } from './analyzers/annotations';
import { multiClusterServiceAnalyzer } from './analyzers/multicluster-service';
import { kialiWorkloadSelectorAnalyzer } from './analyzers/kiali-workload-selectors';
import { kialiMultiMatchAnalyzer } from './analyzers/kiali-multi-match';
import { kialiRouteAnalyzer } from './analyzers/kiali-routes';
import { kialiSidecarAnalyzer } from './analyzers/kiali-sidecar';
import { kialiAuthzOperationsAnalyzer } from './analyzers/kiali-authz-operations';
import { kialiServicePortsAnalyzer } from './analyzers/kiali-service-ports';
import { envoyPatchAnalyzer } from './analyzers/envoy-patch';

/**
 * Every analyzer, by istioctl analyzer name (or `kiali.<checker>` for Kiali-only rules). Conformance selects one
 * by name per case; `validate` runs them all by default.
 */
export const ANALYZERS: readonly Analyzer[] = [caCertificateAnalyzer, ingressGatewayPortAnalyzer, conflictingGatewayAnalyzer, vsGatewayAnalyzer, portNameAnalyzer, envoyPatchAnalyzer, subsetSelectPodAnalyzer, serviceEntryAddressesAnalyzer, conflictingServiceEntryProtocolAnalyzer, applicationUidAnalyzer, externalControlPlaneAnalyzer, injectionImageAnalyzer, vsDestinationHostAnalyzer, vsDestinationRuleAnalyzer, conflictingMeshGatewayHostsAnalyzer, sidecarSelectorAnalyzer, telemetrySelectorAnalyzer, telemetryDefaultSelectorAnalyzer, gatewaySecretAnalyzer, gatewayCertificateAnalyzer, multiServiceAnalyzer, blockedCidrsAnalyzer, injectionAnalyzer, authorizationPoliciesAnalyzer, telemetryProviderAnalyzer, jwtClaimRouteAnalyzer, conditionAnalyzer, deprecationAnalyzer, telemetryLightstepAnalyzer, k8sGatewaySelectorAnalyzer, k8sGatewayCrdVersionAnalyzer, imageAutoAnalyzer, webhookAnalyzer, meshNetworksAnalyzer, kialiAuthzMtlsAnalyzer, kialiDestinationRuleMtlsAnalyzer, kialiPeerAuthenticationMtlsAnalyzer, kialiExportToAnalyzer, kialiSubsetNoLabelsAnalyzer, annotationsAnalyzer, alphaAnnotationsAnalyzer, multiClusterServiceAnalyzer, kialiWorkloadSelectorAnalyzer, kialiMultiMatchAnalyzer, kialiRouteAnalyzer, kialiSidecarAnalyzer, kialiAuthzOperationsAnalyzer, kialiServicePortsAnalyzer, ...schemaAnalyzers];
