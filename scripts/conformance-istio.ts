import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { validate, selectAnalyzers } from '../lib/istio/validation/validate';
import { parseYamlObjects } from '../lib/istio/validation/yaml-source';
import type { SourcedObject } from '../lib/istio/validation/model';

/** One istioctl analyze case from expected.json. */
interface IstioCase {
  id: string;
  analyzer: string;
  files: string[];
  meshConfigFile?: string;
  meshNetworksFile?: string;
  expected: { code: string; resource: string }[];
}

export interface CaseResult {
  id: string;
  analyzer: string;
  pass: boolean;
  /** Why it failed: missing and unexpected (code resource) pairs, or an error. */
  detail?: string;
}

/**
 * Runs istioctl analyze's test grid as upstream does: only the case's analyzer runs, the default ingress
 * resources are added to every case, namespaces are not defaulted, and results are compared as multisets of
 * (code, resource).
 */
export function runIstioCases(root: string): CaseResult[] {
  const dir = join(root, 'istio-analyzers');
  const cases = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as IstioCase[];
  const defaults = load(join(dir, 'defaults', 'internal-ingress.yaml'));
  return cases.map((c) => runCase(dir, c, defaults));
}

/** istioctl's multi-cluster analyzer test (expected-multicluster.json), scored the same way. */
export function runIstioMultiClusterCases(root: string): CaseResult[] {
  const dir = join(root, 'istio-analyzers');
  const multiFile = join(dir, 'expected-multicluster.json');
  if (!existsSync(multiFile)) return [];
  const multi = JSON.parse(readFileSync(multiFile, 'utf8')) as MultiClusterCase[];
  return multi.map((c, i) => runMultiCluster(dir, c, i));
}

interface MultiClusterCase {
  case: string;
  cluster1Files: string[];
  cluster2Files: string[];
  analyzer: string;
  expected: { code: string; resource: string }[];
}

/** Two clusters' objects validated together, each tagged with its cluster. */
function runMultiCluster(dir: string, c: MultiClusterCase, i: number): CaseResult {
  const base = { id: `multicluster-${i + 1}-${c.case}`, analyzer: c.analyzer };
  if (selectAnalyzers([c.analyzer]).length === 0) return { ...base, pass: false, detail: 'analyzer not implemented' };
  const tag = (files: string[], cluster: string) => files.flatMap((f) => load(join(dir, 'testdata', f))).map((o) => ({ ...o, cluster }));
  const inputs = [...tag(c.cluster1Files, 'cluster1'), ...tag(c.cluster2Files, 'cluster2')];
  const got = validate(inputs, { istioNamespace: 'istio-system', analyzers: [c.analyzer] }).map((m) => `${m.code} ${m.resource}`);
  const want = c.expected.map((e) => `${e.code} ${e.resource}`);
  const missing = multisetMinus(want, got);
  const extra = multisetMinus(got, want);
  if (missing.length === 0 && extra.length === 0) return { ...base, pass: true };
  return { ...base, pass: false, detail: [...missing.map((m) => `missing ${m}`), ...extra.map((m) => `unexpected ${m}`)].join('; ') };
}

function load(file: string): SourcedObject[] {
  const parsed = parseYamlObjects(readFileSync(file, 'utf8'), file);
  if (parsed.problems.length > 0) throw new Error(parsed.problems.map((p) => `${p.file}:${p.line ?? 0}: ${p.message}`).join('; '));
  return parsed.objects;
}

function loadRecord(file: string): Record<string, unknown> {
  const v: unknown = parseYaml(readFileSync(file, 'utf8'));
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

function runCase(dir: string, c: IstioCase, defaults: SourcedObject[]): CaseResult {
  const base = { id: c.id, analyzer: c.analyzer };
  if (selectAnalyzers([c.analyzer]).length === 0) return { ...base, pass: false, detail: 'analyzer not implemented' };
  try {
    const inputs = [...c.files.flatMap((f) => load(join(dir, 'testdata', f))), ...defaults];
    const opts: Parameters<typeof validate>[1] = { istioNamespace: 'istio-system', analyzers: [c.analyzer], now: Date.now() };
    if (c.meshConfigFile && existsSync(join(dir, 'testdata', c.meshConfigFile))) opts.meshConfig = loadRecord(join(dir, 'testdata', c.meshConfigFile));
    if (c.meshNetworksFile) opts.meshNetworks = loadRecord(join(dir, 'testdata', c.meshNetworksFile));
    const got = validate(inputs, opts).map((m) => `${m.code} ${m.resource}`);
    const want = c.expected.map((e) => `${e.code} ${e.resource}`);
    const missing = multisetMinus(want, got);
    const extra = multisetMinus(got, want);
    if (missing.length === 0 && extra.length === 0) return { ...base, pass: true };
    return { ...base, pass: false, detail: [...missing.map((m) => `missing ${m}`), ...extra.map((m) => `unexpected ${m}`)].join('; ') };
  } catch (err) {
    return { ...base, pass: false, detail: `error: ${String(err)}` };
  }
}

/** Elements of `a` left after removing one occurrence per element of `b`. */
export function multisetMinus(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const n = counts.get(x) ?? 0;
    if (n > 0) counts.set(x, n - 1);
    else out.push(x);
  }
  return out;
}
