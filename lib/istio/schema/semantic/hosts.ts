/** Host-name syntax Istio's validation accepts: DNS names, optionally with a leading `*.` wildcard, or `*`. */

const LABEL = /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;

/** Why a host is not a valid (optionally wildcard) DNS name, or undefined. */
export function hostProblem(host: string): string | undefined {
  if (host === '*') return undefined;
  if (host === '') return 'host must not be empty';
  if (host.length > 255) return `host ${JSON.stringify(host)} is longer than 255 characters`;
  const name = host.startsWith('*.') ? host.slice(2) : host;
  if (host.includes('*') && !host.startsWith('*.')) return `invalid host ${JSON.stringify(host)}: a wildcard is only allowed as the first label`;
  // A trailing dot is a fully qualified name; Istio rejects it like other empty labels.
  const labels = name.split('.');
  for (const l of labels) {
    if (l.length === 0 || l.length > 63 || !LABEL.test(l)) return `invalid host ${JSON.stringify(host)}: ${JSON.stringify(l)} is not a valid DNS label`;
  }
  return undefined;
}
