import type { SchemaError } from '../check-schema';
import { authorizationPolicyProblems } from './authorization-policy';
import { destinationRuleProblems } from './destination-rule';
import { gatewayProblems } from './gateway';
import { sidecarProblems } from './sidecar';
import { virtualServiceProblems } from './virtual-service';

/** istiod's validation rules that the CRD schemas cannot express, by group/kind. */
export const SEMANTIC_CHECKS: Record<string, (spec: unknown) => SchemaError[]> = {
  'networking.istio.io/VirtualService': virtualServiceProblems,
  'networking.istio.io/DestinationRule': destinationRuleProblems,
  'networking.istio.io/Gateway': gatewayProblems,
  'networking.istio.io/Sidecar': sidecarProblems,
  'security.istio.io/AuthorizationPolicy': authorizationPolicyProblems,
};
