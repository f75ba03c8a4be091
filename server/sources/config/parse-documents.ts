import { LineCounter } from 'yaml';
import { parseAllDocumentsBounded } from '../../../lib/istio/bounded-yaml';
import { isDns1123Label } from '../../../lib/istio/names';
import type { K8sObject } from '../../../lib/istio/types';
import { YAML_LIMITS, type YamlLimits } from '../../../lib/limits/yaml';
import type { ConfigLoadError } from './store';

export interface ParsedObject {
  object: K8sObject;
  line: number;
  column: number;
}

/** Largest config file we read by default; a bigger one is reported, not loaded (`yaml.maxBytes`). */
export const MAX_CONFIG_FILE_BYTES = YAML_LIMITS.maxBytes;

/**
 * Parses a multi-document YAML (or JSON) file into Kubernetes objects. A document that is malformed or
 * not an object with apiVersion, kind and metadata.name is reported with its line; the others still load.
 * A `List` (kind: List, items: [...]) is flattened, as kubectl does. A file past a bound of `limits` is one
 * error and is not composed.
 */
export function parseDocuments(file: string, text: string, limits: YamlLimits = YAML_LIMITS): { objects: ParsedObject[]; errors: ConfigLoadError[] } {
  const objects: ParsedObject[] = [];
  const errors: ConfigLoadError[] = [];
  const lc = new LineCounter();
  const parsed = parseAllDocumentsBounded(text, limits, lc);
  if ('refused' in parsed) return { objects, errors: [{ file, message: `file refused: ${parsed.refused.message} (limit yaml.${parsed.refused.limit})`, line: parsed.refused.line }] };
  parsed.documents.forEach(({ doc }, i) => {
    const start = lc.linePos(doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0);
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const pos = e?.linePos?.[0];
      errors.push({ file, message: `document ${i + 1}: ${e?.message.split('\n')[0] ?? 'invalid YAML'}`, line: pos?.line ?? start.line });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliases });
    } catch (err) {
      errors.push({ file, message: `document ${i + 1}: ${(err as Error).message}`, line: start.line });
      return;
    }
    if (value === null || value === undefined) return; // empty document (e.g. a trailing ---)
    const items = isList(value) ? value.items : [value];
    for (const item of items) {
      const problem = objectProblem(item);
      if (problem) {
        errors.push({ file, message: `document ${i + 1}: ${problem}`, line: start.line });
        continue;
      }
      objects.push({ object: item as K8sObject, line: start.line, column: start.col });
    }
  });
  return { objects, errors };
}

function isList(v: unknown): v is { items: unknown[] } {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'List' && Array.isArray((v as { items?: unknown }).items);
}

/** Why a value is not a usable Kubernetes object, or undefined when it is. */
export function objectProblem(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a mapping';
  const o = v as Record<string, unknown>;
  if (typeof o.apiVersion !== 'string' || o.apiVersion === '') return 'missing apiVersion';
  if (typeof o.kind !== 'string' || o.kind === '') return 'missing kind';
  const meta = o.metadata as Record<string, unknown> | undefined;
  if (typeof meta !== 'object' || meta === null) return `${o.kind}: missing metadata`;
  if (typeof meta.name !== 'string' || meta.name === '') return `${o.kind}: missing metadata.name`;
  if (meta.namespace !== undefined && typeof meta.namespace !== 'string') return `${o.kind} ${meta.name}: metadata.namespace must be a string`;
  // A hand-written file must not bring in what the API refuses: namespaces are listed and linked everywhere.
  if (typeof meta.namespace === 'string' && !isDns1123Label(meta.namespace)) return `${o.kind} ${meta.name}: metadata.namespace ${JSON.stringify(meta.namespace.slice(0, 80))} is not a valid namespace name`;
  // eslint-disable-next-line no-control-regex
  if (meta.name.length > 253 || /[\u0000-\u001f\u007f/]/.test(meta.name)) return `${o.kind}: metadata.name ${JSON.stringify(meta.name.slice(0, 80))} is not a valid object name`;
  return undefined;
}
