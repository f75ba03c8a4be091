import { parseYamlValue } from '../bounded-yaml';
import { YAML_LIMITS } from '../../limits/yaml';
import { defaultIngressResources } from './defaults';
import { resourceName } from '../types';
import { createContext, type MeshConfig } from './context';
import type { SourcedObject, ValidationMessage } from './model';
import { ANALYZERS } from './registry';
import { GK, groupKindOf, MeshSnapshot } from './snapshot';

export interface ValidateOptions {
  /** Istio's root namespace (default `istio-system`). */
  istioNamespace?: string;
  /**
   * MeshConfig (as istiod's `mesh` config). When absent, a ConfigMap `istio` in the Istio namespace among the
   * inputs is used (its `data.mesh`), else Istio's defaults.
   */
  meshConfig?: MeshConfig;
  /**
   * Namespaces that exist beyond the inputs' Namespace objects (the cluster's or the config store's), so checks
   * on namespace references (exportTo, AuthorizationPolicy sources) can run without Namespace objects.
   */
  namespaces?: readonly string[];
  /** Validation time in ms since epoch (certificate expiry); lib code has no clock, so callers pass it. */
  now?: number;
  /** MeshNetworks (`networks:`), when known. */
  meshNetworks?: Record<string, unknown>;
  /**
   * Add the stock ingress gateway (pod + Service in the Istio namespace) when the inputs have no object of the
   * same name, as `istioctl analyze` does offline. Default false; the CLI and the validate API turn it on.
   */
  addDefaultIngress?: boolean;
  /**
   * Analyzer names to run (exact, or a prefix ending in `.` such as `virtualservice.`); default all but the
   * opt-in ones (annotations.AlphaAnalyzer).
   */
  analyzers?: readonly string[];
}

/**
 * Validates a set of Istio and Kubernetes objects together, as `istioctl analyze` does: schema checks plus the
 * semantic analyzers (references, conflicts, mTLS, ports, exportTo...). Pure: the caller supplies the objects
 * (with source positions when they came from text, see `parseYamlObjects`) and gets messages in a stable order.
 */
export function validate(inputs: readonly SourcedObject[], options: ValidateOptions = {}): ValidationMessage[] {
  const istioNamespace = options.istioNamespace ?? 'istio-system';
  const all = options.addDefaultIngress ? withDefaults(inputs, istioNamespace) : inputs;
  const snapshot = new MeshSnapshot(all);
  const meshConfig = options.meshConfig ?? meshConfigFromInputs(snapshot, istioNamespace) ?? {};
  const out: ValidationMessage[] = [];
  const settings: Parameters<typeof createContext>[1] = { istioNamespace, meshConfig };
  if (options.meshNetworks) settings.meshNetworks = options.meshNetworks;
  if (options.now !== undefined) settings.now = options.now;
  if (options.namespaces) settings.externalNamespaces = new Set(options.namespaces);
  const ctx = createContext(snapshot, settings, out);
  for (const a of selectAnalyzers(options.analyzers)) {
    try {
      a.run(ctx);
    } catch (err) {
      // A rule tripping over odd input must not take the others down; say which rule failed.
      out.push({ code: 'IST0001', name: 'InternalError', level: 'Error', resource: a.name, message: `Internal error: ${a.name}: ${String(err)}` });
    }
  }
  return sortAndDedupe(suppressed(out, inputs));
}

/**
 * Drops messages an object opts out of with `galley.istio.io/analyze-suppress: IST0108,IST0103` (or `*`), as
 * istioctl honours it; aliases count, so a KIA code suppresses the istioctl message carrying it.
 */
function suppressed(messages: ValidationMessage[], inputs: readonly SourcedObject[]): ValidationMessage[] {
  const byResource = new Map<string, Set<string>>();
  for (const i of inputs) {
    const v = i.object.metadata?.annotations?.['galley.istio.io/analyze-suppress'];
    if (typeof v === 'string' && v.trim() !== '') byResource.set(resourceName(i.object), new Set(v.split(',').map((c) => c.trim())));
  }
  if (byResource.size === 0) return messages;
  return messages.filter((m) => {
    const codes = byResource.get(m.resource);
    if (!codes) return true;
    return !(codes.has('*') || codes.has(m.code) || (m.aliases ?? []).some((a) => codes.has(a)));
  });
}

const LEVEL_ORDER = { Error: 0, Warning: 1, Info: 2 } as const;

/**
 * Sorts by level, code, resource, text and drops exact repeats (same level, code, resource and text, plus path
 * for Kiali checks), as istioctl does: one finding per distinct statement, the first occurrence's path kept.
 */
export function sortAndDedupe(messages: readonly ValidationMessage[]): ValidationMessage[] {
  const sorted = [...messages].sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      cmp(a.code, b.code) ||
      cmp(a.resource, b.resource) ||
      cmp(a.message, b.message) ||
      cmp(a.path ?? '', b.path ?? '') ||
      (a.line ?? 0) - (b.line ?? 0),
  );
  const out: ValidationMessage[] = [];
  for (const m of sorted) {
    const prev = out[out.length - 1];
    if (prev && dedupeKey(prev) === dedupeKey(m)) continue;
    out.push(m);
  }
  return out;
}

/** istioctl messages say what and where in their text; Kiali's text is fixed per check, so its path counts too. */
function dedupeKey(m: ValidationMessage): string {
  return [m.level, m.code, m.resource, m.message, m.code.startsWith('KIA') ? (m.path ?? '') : ''].join('\u0000');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The registered analyzers matching `names` (all but opt-in ones when undefined). Unknown names match nothing. */
export function selectAnalyzers(names?: readonly string[]) {
  if (!names) return ANALYZERS.filter((a) => !a.optIn);
  return ANALYZERS.filter((a) => names.some((n) => a.name === n || (n.endsWith('.') && a.name.startsWith(n))));
}

function withDefaults(inputs: readonly SourcedObject[], istioNamespace: string): SourcedObject[] {
  const have = new Set(inputs.map((i) => `${i.object.kind}/${i.object.metadata.namespace ?? ''}/${i.object.metadata.name}`));
  const extra = defaultIngressResources(istioNamespace).filter((d) => !have.has(`${d.object.kind}/${istioNamespace}/${d.object.metadata.name}`));
  return [...inputs, ...extra];
}

function meshConfigFromInputs(snapshot: MeshSnapshot, istioNamespace: string): MeshConfig | undefined {
  const cm = snapshot.get(GK.ConfigMap, istioNamespace, 'istio');
  if (!cm || groupKindOf(cm.object) !== GK.ConfigMap) return undefined;
  const mesh = (cm.object.data as Record<string, unknown> | undefined)?.mesh;
  if (typeof mesh !== 'string') return undefined;
  const parsed = parseYamlValue(mesh, YAML_LIMITS);
  const v = 'value' in parsed ? parsed.value : undefined;
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as MeshConfig) : undefined;
}
