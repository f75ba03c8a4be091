/** Kubernetes name rules (apimachinery's validation), one place for routes, stores and validators. */

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** An RFC 1123 label (namespace names): lowercase alphanumerics and `-`, at most 63 characters. */
export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && LABEL.test(s);
}

/** An RFC 1123 subdomain (most object names): dot-separated labels, at most 253 characters. */
export function isDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && SUBDOMAIN.test(s);
}

/** A Kubernetes API version: `v1`, `v1beta1`, `v1alpha3`. */
export function isApiVersionName(s: string): boolean {
  return s.length <= 20 && /^v\d+((alpha|beta)\d+)?$/.test(s);
}
