import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '../lib/istio/validation/validate';
import { parseYamlObjects } from '../lib/istio/validation/yaml-source';
import type { SourcedObject, ValidationMessage } from '../lib/istio/validation/model';
import { resourceName } from '../lib/istio/types';
import { exportedTo } from '../lib/istio/validation/export-to';
import { mtlsOnlyPaths } from '../lib/istio/validation/analyzers/kiali-authz-mtls';
import { multisetMinus, type CaseResult } from './conformance-istio';

interface KialiCheck {
  fixture: string;
  checker: string;
  test?: string;
  target?: { kind: string; namespace?: string; name: string };
  expectNoValidations?: boolean;
  expected?: { code: string; path: string | null }[];
  context?: {
    autoMtls?: boolean | string;
    services?: { name: string; namespace: string; selector?: Record<string, string> }[];
    namespaces?: string[] | string;
    workloads?: { name: string; namespace: string; labels?: Record<string, string> }[];
    gatewayNames?: string[];
  };
}

/** Kiali checker → the Meshlens analyzers that carry its rule (Kiali-only rules run as `kiali.*`). */
const ANALYZERS_FOR: Record<string, string[]> = {
  'authorization.MtlsEnabledChecker': ['kiali.authorization.MtlsEnabledChecker'],
  'destinationrules.DisabledMeshWideMTLSChecker': ['kiali.destinationrules.MtlsChecker'],
  'peerauthentications.DisabledMeshWideChecker': ['kiali.peerauthentications.MtlsChecker'],
  'peerauthentications.DisabledNamespaceWideChecker': ['kiali.peerauthentications.MtlsChecker'],
  'common.ExportToNamespaceChecker': ['kiali.common.ExportToNamespaceChecker'],
  'virtualservices.SubsetPresenceChecker': ['virtualservice.DestinationRuleAnalyzer'],
  'destinationrules.NoDestinationChecker': ['destinationrule.SubsetSelectPodAnalyzer', 'kiali.destinationrules.SubsetNoLabelsChecker'],
  'virtualservices.NoGatewayChecker': ['virtualservice.GatewayAnalyzer'],
};

/**
 * Runs Kiali's fixture-driven checker assertions: the fixture plus the context the Go test builds in code
 * (Services, workloads, namespaces, auto mTLS, gateways), the analyzers carrying that checker's rule, then
 * compares the target object's KIA findings (by code, or by alias on an istioctl message) and paths.
 */
export function runKialiChecks(root: string): CaseResult[] {
  const dir = join(root, 'kiali-validations');
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { checks: KialiCheck[]; exportToVisibility?: VisibilityCase[] };
  const checks = expected.checks.filter((c) => c.target && Array.isArray(c.expected)).map((c, i) => runCheck(dir, c, i));
  const predicates = (expected.checks as (KialiCheck & PredicateCase)[]).filter((c) => Array.isArray(c.predicate)).map((c) => runPredicate(dir, c));
  return [...checks, ...predicates, ...(expected.exportToVisibility ?? []).map((v) => runVisibility(dir, v))];
}

interface PredicateCase {
  fixture: string;
  predicate?: { name: string; needsMtls: boolean }[];
}

/** Kiali's needsMtls table: which AuthorizationPolicies use fields that only mTLS traffic can satisfy. */
function runPredicate(dir: string, c: PredicateCase): CaseResult {
  const base = { id: `needsMtls-${c.fixture}`, analyzer: 'authorization.needsMtls' };
  const objects = parseYamlObjects(readFileSync(join(dir, c.fixture), 'utf8'), c.fixture).objects;
  const wrong = (c.predicate ?? []).filter((p) => {
    const ap = objects.find((o) => o.object.metadata.name === p.name);
    return !ap || mtlsOnlyPaths(ap.object.spec).length > 0 !== p.needsMtls;
  });
  return wrong.length === 0 ? { ...base, pass: true } : { ...base, pass: false, detail: `wrong for ${wrong.map((w) => w.name).join(', ')}` };
}

interface VisibilityCase {
  test: string;
  viewerNamespace: string;
  namespaces: { name: string; ambient?: boolean }[];
  meshDefaultExportTo: string[] | null;
  ambientControlPlane?: boolean;
  candidates: { file: string; namespace: string; name: string }[];
  expectedVisible: { name: string }[];
}

/** Which candidates are visible from the viewer namespace (Kiali's per-namespace config listing). */
function runVisibility(dir: string, v: VisibilityCase): CaseResult {
  const base = { id: `exportTo-${v.test}`, analyzer: 'exportToVisibility' };
  try {
    const known = new Set(v.namespaces.map((n) => n.name));
    const ambient = new Set(v.ambientControlPlane ? v.namespaces.filter((n) => n.ambient).map((n) => n.name) : []);
    const opts = { knownNamespaces: known, ambientNamespaces: ambient, ...(v.meshDefaultExportTo ? { meshDefaultExportTo: v.meshDefaultExportTo } : {}) };
    const visible = v.candidates.filter((c) => {
      const obj = parseYamlObjects(readFileSync(join(dir, c.file), 'utf8'), c.file).objects[0]?.object;
      const exportTo = (obj?.spec as { exportTo?: unknown[] } | undefined)?.exportTo ?? [];
      return exportedTo(exportTo, c.namespace, v.viewerNamespace, opts);
    });
    const got = visible.map((c) => c.name).sort();
    const want = v.expectedVisible.map((c) => c.name).sort();
    if (got.join() === want.join()) return { ...base, pass: true };
    return { ...base, pass: false, detail: `visible ${got.join(',')}; expected ${want.join(',')}` };
  } catch (err) {
    return { ...base, pass: false, detail: `error: ${String(err)}` };
  }
}

function runCheck(dir: string, c: KialiCheck, index: number): CaseResult {
  const id = `${String(index + 1).padStart(3, '0')}-${c.checker}-${c.fixture}`;
  const analyzers = ANALYZERS_FOR[c.checker];
  const base = { id, analyzer: c.checker };
  if (!analyzers) return { ...base, pass: false, detail: 'checker not implemented' };
  try {
    const parsed = parseYamlObjects(readFileSync(join(dir, c.fixture), 'utf8'), c.fixture);
    // Some fixtures carry partial objects (e.g. a Service without a name) that the Go test never loads; skip them.
    const target = c.target as NonNullable<KialiCheck['target']>;
    const inputs = [...parsed.objects, ...contextObjects(c, target)];
    const meshConfig: Record<string, unknown> = {};
    if (typeof c.context?.autoMtls === 'boolean') meshConfig.enableAutoMtls = c.context.autoMtls;
    else if (typeof c.context?.autoMtls === 'string') meshConfig.enableAutoMtls = false; // "checker assumes autoMtls disabled"
    const targetName = resourceName({ kind: target.kind, metadata: target.namespace ? { name: target.name, namespace: target.namespace } : { name: target.name } });
    const msgs = validate(inputs, { istioNamespace: 'istio-system', analyzers, meshConfig }).filter((m) => m.resource === targetName && kiaCode(m));
    const want = (c.expected ?? []).map((e) => ({ code: e.code, path: e.path === null ? null : e.path.replace(/\//g, '.') }));
    const unmatched = [...msgs];
    const missing: string[] = [];
    for (const w of want) {
      const at = unmatched.findIndex((m) => kiaCode(m) === w.code && (w.path === null || m.path === w.path || (m.path ?? '').startsWith(`${w.path}.`)));
      if (at === -1) missing.push(`${w.code} ${w.path ?? ''}`);
      else unmatched.splice(at, 1);
    }
    const extra = multisetMinus(unmatched.map((m) => `${kiaCode(m) ?? m.code} ${m.path ?? ''}`), []);
    if (missing.length === 0 && extra.length === 0) return { ...base, pass: true };
    return { ...base, pass: false, detail: [...missing.map((m) => `missing ${m}`), ...extra.map((m) => `unexpected ${m}`)].join('; ') };
  } catch (err) {
    return { ...base, pass: false, detail: `error: ${String(err)}` };
  }
}

/** The KIA code a message carries: its own code, or a KIA alias of an istioctl message. */
function kiaCode(m: ValidationMessage): string | undefined {
  if (m.code.startsWith('KIA')) return m.code;
  return m.aliases?.find((a) => a.startsWith('KIA'));
}

function contextObjects(c: KialiCheck, target: NonNullable<KialiCheck['target']>): SourcedObject[] {
  const out: SourcedObject[] = [];
  for (const s of c.context?.services ?? []) {
    out.push({ object: { apiVersion: 'v1', kind: 'Service', metadata: { name: s.name, namespace: s.namespace }, spec: { selector: s.selector ?? {}, ports: [{ name: 'http', port: 9080 }] } } });
  }
  if (Array.isArray(c.context?.namespaces)) {
    for (const n of c.context.namespaces) out.push({ object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: n } } });
  }
  (c.context?.workloads ?? []).forEach((w, i) => {
    out.push({ object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: `${w.name}-${i}`, namespace: w.namespace, labels: w.labels ?? {} }, spec: { containers: [{ name: w.name }] } } });
  });
  for (const g of c.context?.gatewayNames ?? []) {
    out.push({ object: { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: g, namespace: target.namespace ?? '' }, spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] } } });
  }
  return out;
}
