/**
 * Hostile YAML/JSON bodies for the config endpoints, shared by the hostile suite, the fuzz run and the bench.
 * Each is small (at most a few hundred KB) and cheap to build; what they cost the server is the point.
 */

const VS_HEAD = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: hostile\n  namespace: bookinfo\nspec:\n  hosts: [hostile]\n';

/** One mapping with `n` keys (20k keys ≈ 229 KB): quadratic in `yaml`'s duplicate-key check. */
export function manyKeysYaml(n: number): string {
  let s = `${VS_HEAD}  extra:\n`;
  for (let i = 0; i < n; i++) s += `    k${i}: v\n`;
  return s;
}

/** The same as JSON: one object with `n` members. */
export function manyKeysJson(n: number): string {
  const extra: Record<string, string> = {};
  for (let i = 0; i < n; i++) extra[`k${i}`] = 'v';
  return JSON.stringify({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'hostile', namespace: 'bookinfo' }, spec: { hosts: ['hostile'], extra } });
}

/** `n` aliases of one anchor (10k ≈ 120 KB). */
export function manyAliasesYaml(n: number): string {
  let s = `${VS_HEAD}  anchor: &a x\n  extra:\n`;
  for (let i = 0; i < n; i++) s += `    - *a\n`;
  return s;
}

/** The billion laughs: 9 levels of 10 aliases each, a few hundred bytes expanding to 10^9 nodes. */
export function billionLaughsYaml(): string {
  let s = `${VS_HEAD}  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  for (let i = 1; i <= 9; i++) s += `  l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]\n`;
  return s;
}

/** Flow sequences nested `n` deep (`[[[...]]]`). */
export function deepFlowYaml(n: number): string {
  return `${VS_HEAD}  extra: ${'['.repeat(n)}${']'.repeat(n)}\n`;
}

/** A JSON object nested `n` levels inside `spec` (80k levels overflowed the stack in merge patch and validation). */
export function deepJson(n: number, name = 'reviews'): string {
  return `{"apiVersion":"networking.istio.io/v1","kind":"VirtualService","metadata":{"name":"${name}","namespace":"bookinfo"},"spec":{"hosts":["reviews"],"x":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}}`;
}

/** `n` documents, each a tiny object. */
export function manyDocumentsYaml(n: number): string {
  return Array.from({ length: n }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}, namespace: bookinfo}\n`).join('---\n');
}

/** A valid bundle of `n` VirtualServices (for linearity: time per KB should not grow with size). */
export function validBundleYaml(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    docs.push(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: vs-${i}
  namespace: bookinfo
  labels: {app: vs-${i}, team: t${i % 7}}
spec:
  hosts: [svc-${i}.bookinfo.svc.cluster.local]
  http:
  - match:
    - uri: {prefix: /api/${i}}
    route:
    - destination: {host: svc-${i}.bookinfo.svc.cluster.local, port: {number: 9080}}
      weight: 100
`);
  }
  return docs.join('---\n');
}
