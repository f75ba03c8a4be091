import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';

/**
 * The deployment manifests, checked against the Kubernetes API types that @kubernetes/client-node generates from
 * the OpenAPI spec: every field must exist in the schema with the right JSON type (a typo such as `contianers`
 * or a string where a number belongs fails here, not in a cluster), plus the wiring a working install needs.
 */

interface Attr { name: string; baseName: string; type: string }
type ModelClass = { getAttributeTypeMap(): Attr[] };

const MODELS: Record<string, string> = {
  'v1/ServiceAccount': 'V1ServiceAccount',
  'v1/Service': 'V1Service',
  'apps/v1/Deployment': 'V1Deployment',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'V1ClusterRole',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'V1ClusterRoleBinding',
};

function model(name: string): ModelClass | undefined {
  const m = (k8s as unknown as Record<string, unknown>)[name];
  return typeof m === 'function' && 'getAttributeTypeMap' in m ? (m as unknown as ModelClass) : undefined;
}

/** Walks a value against a client-node type name; returns problems with JSON paths. */
export function checkType(value: unknown, type: string, at: string): string[] {
  if (value === null || value === undefined) return [];
  const arr = /^Array<(.+)>$/.exec(type);
  if (arr) return Array.isArray(value) ? value.flatMap((v, i) => checkType(v, arr[1] as string, `${at}[${i}]`)) : [`${at}: expected a list`];
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return typeof value === 'object' && !Array.isArray(value) ? Object.entries(value as object).flatMap(([k, v]) => checkType(v, map[1] as string, `${at}.${k}`)) : [`${at}: expected a map`];
  switch (type) {
    case 'string': return typeof value === 'string' ? [] : [`${at}: expected a string`];
    case 'number': return typeof value === 'number' ? [] : [`${at}: expected a number`];
    case 'boolean': return typeof value === 'boolean' ? [] : [`${at}: expected a boolean`];
    case 'Date': return typeof value === 'string' ? [] : [`${at}: expected a timestamp`];
    case 'IntOrString': return typeof value === 'string' || typeof value === 'number' ? [] : [`${at}: expected an int or string`];
    case 'any': case 'object': return [];
    default: {
      const m = model(type);
      if (!m) return [];
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected an object (${type})`];
      const attrs = new Map(m.getAttributeTypeMap().map((a) => [a.baseName, a]));
      const out: string[] = [];
      for (const [k, v] of Object.entries(value as object)) {
        const a = attrs.get(k);
        if (!a) out.push(`${at}.${k}: unknown field in ${type}`);
        else out.push(...checkType(v, a.type, `${at}.${k}`));
      }
      return out;
    }
  }
}

const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'kubernetes');
const docs = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parseAllDocuments(readFileSync(path.join(dir, f), 'utf8')).map((d) => ({ file: f, obj: d.toJS() as { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [k: string]: unknown } })));
const find = (kind: string, name: string): unknown => docs.find((d) => d.obj.kind === kind && d.obj.metadata.name === name)?.obj;

describe('deploy/kubernetes manifests', () => {
  it.each(docs.map((d) => [`${d.file}: ${d.obj.kind} ${d.obj.metadata.name}`, d.obj] as const))('%s matches the Kubernetes schema', (_n, obj) => {
    const type = MODELS[`${obj.apiVersion}/${obj.kind}`];
    expect(type, `no schema for ${obj.apiVersion} ${obj.kind}`).toBeDefined();
    expect(checkType(obj, type as string, obj.kind)).toEqual([]);
  });

  it('catches a misspelt field and a wrong type (the check can fail)', () => {
    expect(checkType({ apiVersion: 'v1', kind: 'Service', spec: { portz: [] } }, 'V1Service', 'Service')).toEqual(['Service.spec.portz: unknown field in V1ServiceSpec']);
    expect(checkType({ spec: { replicas: 'one' } }, 'V1Deployment', 'D')).toEqual(['D.spec.replicas: expected a number']);
  });

  it('wires the Deployment: selector, probes on /api/health, non-root, backends, explicit auth', () => {
    const d = find('Deployment', 'meshlens') as unknown as k8s.V1Deployment;
    const labels = d.spec?.template.metadata?.labels ?? {};
    for (const [k, v] of Object.entries(d.spec?.selector.matchLabels ?? {})) expect(labels[k]).toBe(v);
    const c = d.spec?.template.spec?.containers[0];
    expect(c?.readinessProbe?.httpGet?.path).toBe('/api/health');
    expect(c?.livenessProbe?.httpGet?.path).toBe('/api/health');
    expect(c?.resources?.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(d.spec?.template.spec?.securityContext?.runAsNonRoot).toBe(true);
    expect(d.spec?.template.spec?.serviceAccountName).toBe('meshlens');
    const env = Object.fromEntries((c?.env ?? []).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({ MESHLENS_AUTH: 'token', MESHLENS_PROMETHEUS_URL: expect.stringMatching(/^http/), MESHLENS_JAEGER_URL: expect.stringMatching(/^http/) });
    expect(c?.args).toContain('--in-cluster');
    // Meshlens refuses unknown Host values (421): probes name a loopback host, and the Service's names are allowed.
    for (const probe of [c?.readinessProbe, c?.livenessProbe]) expect(probe?.httpGet?.httpHeaders).toContainEqual({ name: 'Host', value: 'localhost' });
    const ns = d.metadata?.namespace as string;
    expect(String(env.MESHLENS_ALLOWED_HOSTS).split(',')).toEqual(expect.arrayContaining(['meshlens', `meshlens.${ns}`, `meshlens.${ns}.svc.cluster.local`]));
    const svc = find('Service', 'meshlens') as unknown as k8s.V1Service;
    for (const [k, v] of Object.entries(svc.spec?.selector ?? {})) expect(labels[k]).toBe(v);
  });

  it('keeps the viewer role read-only and puts writes in a separate editor role', () => {
    const viewer = find('ClusterRole', 'meshlens-viewer') as unknown as k8s.V1ClusterRole;
    const writes = ['create', 'update', 'patch', 'delete', 'deletecollection', '*'];
    for (const r of viewer.rules ?? []) {
      const reviews = (r.resources ?? []).every((x) => /reviews$/.test(x));
      if (!reviews) expect(r.verbs.filter((v) => writes.includes(v)), `${r.apiGroups} ${r.resources}`).toEqual([]);
    }
    const editor = find('ClusterRole', 'meshlens-editor') as unknown as k8s.V1ClusterRole;
    expect(editor.rules?.flatMap((r) => r.apiGroups ?? []).sort()).toEqual(['networking.istio.io', 'security.istio.io']);
    expect(editor.rules?.[0]?.verbs).toEqual(expect.arrayContaining(['create', 'update', 'patch', 'delete']));
    const binding = find('ClusterRoleBinding', 'meshlens-viewer') as unknown as k8s.V1ClusterRoleBinding;
    expect(binding.roleRef.name).toBe('meshlens-viewer');
  });

  it('builds a non-root image with a health check', () => {
    const dockerfile = readFileSync(path.join(dir, '..', '..', 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/api\/health/m);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect((dockerfile.match(/^FROM /gm) ?? []).length).toBeGreaterThan(1);
  });
});
