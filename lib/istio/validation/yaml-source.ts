import { isCollection, isMap, isSeq, LineCounter, type Document, type Node } from 'yaml';
import { YAML_LIMITS, type YamlLimits } from '../../limits/yaml';
import { parseAllDocumentsBounded } from '../bounded-yaml';
import type { K8sObject } from '../types';
import type { ObjectSource, PathSegment, SourcedObject } from './model';

/** A document that could not be used, with where it is. */
export interface SourceProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface ParsedSource {
  objects: SourcedObject[];
  problems: SourceProblem[];
}

/**
 * Parses multi-document YAML (or JSON, which is YAML) into objects that remember where each field sits, so
 * validation messages can carry a line and column. `kind: List` documents are expanded into their items.
 * Empty documents are skipped; syntax errors and documents that are not Kubernetes objects become problems.
 * Input past a bound of `limits` (bytes, documents, depth, keys, nodes, aliases) is one problem and is not composed.
 */
export function parseYamlObjects(text: string, file = '<input>', limits: YamlLimits = YAML_LIMITS): ParsedSource {
  const lineCounter = new LineCounter();
  const out: ParsedSource = { objects: [], problems: [] };
  const where = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const parsed = parseAllDocumentsBounded(text, limits, lineCounter);
  if ('refused' in parsed) {
    out.problems.push({ file, line: parsed.refused.line, column: parsed.refused.column, message: `input refused: ${parsed.refused.message} (limit yaml.${parsed.refused.limit})` });
    return out;
  }
  parsed.documents.forEach(({ doc }, index) => {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) out.problems.push({ file, ...where(e.pos[0]), message: `YAML syntax error: ${e.message.split('\n')[0]}` });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliases });
    } catch (err) {
      // Unresolved aliases and alias bombs surface only when converting.
      out.problems.push({ file, ...where(doc.contents?.range?.[0] ?? 0), message: `YAML error: ${(err as Error).message.split('\n')[0] ?? ''}` });
      return;
    }
    if (value === null || value === undefined) return;
    const docWhere = doc.contents ? where(doc.contents.range?.[0] ?? 0) : { line: 1, column: 1 };
    // A top-level sequence (e.g. a JSON array of objects) is a list of objects.
    if (Array.isArray(value)) {
      value.forEach((item, i) => addObject(out, item, makeSource(file, doc, [i], where), `${file} document ${index + 1} item ${i}`));
      return;
    }
    if (isListKind(value)) {
      const items = (value as { items?: unknown }).items;
      if (!Array.isArray(items)) return;
      items.forEach((item, i) => addObject(out, item, makeSource(file, doc, ['items', i], where), `${file} document ${index + 1} item ${i}`));
      return;
    }
    addObject(out, value, makeSource(file, doc, [], where), `${file} document ${index + 1}`, docWhere);
  });
  return out;
}

function isListKind(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const kind = (v as { kind?: unknown }).kind;
  return typeof kind === 'string' && kind.endsWith('List') && Array.isArray((v as { items?: unknown }).items);
}

function addObject(out: ParsedSource, value: unknown, source: ObjectSource, label: string, at?: { line: number; column: number }): void {
  const problem = notAnObject(value);
  if (problem) {
    const pos = at ?? source.locate([]);
    out.problems.push({ file: source.file, ...(pos ?? {}), message: `${label}: ${problem}` });
    return;
  }
  out.objects.push({ object: value as K8sObject, source });
}

/** Why a value cannot be treated as a Kubernetes object, or undefined when it can. */
export function notAnObject(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a Kubernetes object (expected a mapping)';
  const o = value as Record<string, unknown>;
  if (typeof o.apiVersion !== 'string' || o.apiVersion === '') return 'not a Kubernetes object (missing apiVersion)';
  if (typeof o.kind !== 'string' || o.kind === '') return 'not a Kubernetes object (missing kind)';
  const meta = o.metadata;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return 'not a Kubernetes object (missing metadata)';
  const m = meta as Record<string, unknown>;
  if (typeof m.name !== 'string' || m.name === '') return 'not a Kubernetes object (missing metadata.name)';
  if (m.namespace !== undefined && typeof m.namespace !== 'string') return 'metadata.namespace must be a string';
  return undefined;
}

function makeSource(file: string, doc: Document, prefix: PathSegment[], where: (o: number) => { line: number; column: number }): ObjectSource {
  return {
    file,
    locate(path) {
      // Walk the longest prefix of the path that exists, so a missing field points at its parent. A map field
      // is located at its key (where editors and linters put the marker), a list item at the item itself.
      let node: Node | undefined = doc.contents ?? undefined;
      let at: number | undefined = node?.range?.[0];
      for (const seg of [...prefix, ...path]) {
        if (!node || !isCollection(node)) break;
        let next: unknown;
        let start: number | undefined;
        if (isSeq(node) && typeof seg === 'number') {
          next = node.items[seg];
          start = (next as Node | undefined)?.range?.[0];
        } else if (isMap(node)) {
          const pair = node.items.find((p) => keyOf(p.key) === String(seg));
          next = pair?.value;
          start = (pair?.key as Node | undefined)?.range?.[0] ?? (next as Node | undefined)?.range?.[0];
        }
        if (start === undefined) break;
        at = start;
        if (!next || typeof next !== 'object' || !('range' in (next as object))) break;
        node = next as Node;
      }
      return at === undefined ? undefined : where(at);
    },
  };
}

function keyOf(k: unknown): string | undefined {
  if (k && typeof k === 'object' && 'value' in k) return String((k as { value: unknown }).value);
  return typeof k === 'string' ? k : undefined;
}

/**
 * A source for an object whose text is not at hand but whose document start is (e.g. the config store's
 * SourcePosition): every field is located at the document start.
 */
export function documentSource(pos: { file: string; line: number; column: number }): ObjectSource {
  return { file: pos.file, locate: () => ({ line: pos.line, column: pos.column }) };
}
