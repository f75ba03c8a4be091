import { checkSchema, schemaPathString, type SchemaError } from './check-schema';
import { CRD_SPEC_SCHEMAS, CRD_VERSIONS } from './crd-schemas.gen';
import { SEMANTIC_CHECKS } from './semantic';

export { checkSchema, schemaPathString, type SchemaError };

/** `group/Kind` of every Istio CRD Meshlens has a schema for. */
export function istioKinds(): string[] {
  return Object.keys(CRD_SPEC_SCHEMAS);
}

const RFC1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Schema errors of an Istio object against its CRD: the apiVersion must be a served version of the kind, the
 * name a DNS-1123 subdomain, `spec` must match the CRD's OpenAPI schema (paths start at `spec`), and then
 * istiod's own semantic rules for the kind.
 * Returns undefined for kinds outside the Istio CRDs (they are not checked).
 */
export function checkIstioObject(o: { apiVersion: string; kind: string; metadata?: { name?: unknown }; spec?: unknown }): SchemaError[] | undefined {
  const slash = o.apiVersion.indexOf('/');
  const group = slash === -1 ? '' : o.apiVersion.slice(0, slash);
  const version = slash === -1 ? o.apiVersion : o.apiVersion.slice(slash + 1);
  const key = `${group}/${o.kind}`;
  const schema = CRD_SPEC_SCHEMAS[key];
  if (!schema) {
    if (group.endsWith('.istio.io') && !Object.keys(CRD_VERSIONS).some((k) => k.startsWith(`${group}/`))) return undefined;
    if (group.endsWith('.istio.io')) return [{ path: ['kind'], message: `unknown kind ${JSON.stringify(o.kind)} in ${group}` }];
    return undefined;
  }
  const errors: SchemaError[] = [];
  const versions = CRD_VERSIONS[key] ?? [];
  if (!versions.includes(version)) errors.push({ path: ['apiVersion'], message: `${o.kind} is not served at version ${JSON.stringify(version)} (served: ${versions.join(', ')})` });
  const name = o.metadata?.name;
  if (typeof name === 'string' && (name.length > 253 || !RFC1123_SUBDOMAIN.test(name))) {
    errors.push({ path: ['metadata', 'name'], message: `invalid name ${JSON.stringify(name)}: must be a lowercase RFC 1123 subdomain` });
  }
  if (o.spec !== undefined && o.spec !== null) errors.push(...checkSchema(o.spec, schema, ['spec']));
  else if (schema.req) errors.push({ path: ['spec'], message: 'missing required field "spec"' });
  // Semantic rules only make sense on a structurally valid spec.
  if (errors.length === 0) errors.push(...(SEMANTIC_CHECKS[key]?.(o.spec) ?? []));
  return errors;
}
