import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { CRD_SPEC_SCHEMAS } from '@/lib/istio/schema/crd-schemas.gen';
import type { SchemaNode } from '@/lib/istio/schema/schema-node';
import { yamlCursor } from './yaml-context';

/*
 * Field-name and enum completion from the Istio CRD schemas (the same ones the validator checks against), so
 * the editor suggests `subset`, `weight`, `ISTIO_MUTUAL`... where they are valid.
 */

const STRING_MAP: SchemaNode = { t: 'o', m: { t: 's' } };
const ROOT: SchemaNode = {
  t: 'o',
  r: ['apiVersion', 'kind', 'metadata'],
  p: { apiVersion: { t: 's' }, kind: { t: 's' }, metadata: { t: 'o', r: ['name'], p: { name: { t: 's' }, namespace: { t: 's' }, labels: STRING_MAP, annotations: STRING_MAP } }, spec: { t: 'o' } },
};

/** The spec schema of the document's kind, from its top-level apiVersion and kind lines. */
export function specSchemaOf(text: string): SchemaNode | undefined {
  const apiVersion = /^apiVersion:\s*["']?([^\s"'#]+)/m.exec(text)?.[1];
  const kind = /^kind:\s*["']?([^\s"'#]+)/m.exec(text)?.[1];
  if (!apiVersion || !kind) return undefined;
  return CRD_SPEC_SCHEMAS[`${apiVersion.split('/')[0] ?? ''}/${kind}`];
}

/** The schema node at a path (`[]` = list item); undefined where the schema says nothing. */
export function nodeAt(spec: SchemaNode | undefined, path: readonly string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = ROOT;
  for (const [i, seg] of path.entries()) {
    if (!node) return undefined;
    if (i === 0 && seg === 'spec') node = spec;
    else if (seg === '[]') node = node.i;
    else node = node.p?.[seg] ?? node.m;
  }
  return node;
}

const TYPE: Record<NonNullable<SchemaNode['t']>, string> = { o: 'object', a: 'list', s: 'string', i: 'integer', n: 'number', b: 'boolean' };

function describe(n: SchemaNode): string {
  if (n.e) return `one of ${n.e.slice(0, 4).join(', ')}${n.e.length > 4 ? ', …' : ''}`;
  if (n.is) return 'integer or string';
  if (n.t === 'a') return n.i?.t ? `list of ${TYPE[n.i.t]}` : 'list';
  return n.t ? TYPE[n.t] : 'any';
}

/** What to insert for a key: nested values start on the next line, indented, lists with their first dash. */
function applyFor(key: string, n: SchemaNode, column: number): string {
  const inner = ' '.repeat(column + 2);
  if (n.t === 'a') return `${key}:\n${inner}- `;
  if (n.t === 'o' && !n.is) return `${key}:\n${inner}`;
  return `${key}: `;
}

/** Completions at `pos`, or null where there is nothing schema-based to offer. */
export function schemaCompletions(text: string, pos: number, explicit: boolean): CompletionResult | null {
  const c = yamlCursor(text, pos);
  if (!c) return null;
  if (!explicit && c.from === pos) return null;
  const spec = specSchemaOf(text);
  if (c.at === 'value') {
    const n = nodeAt(spec, [...c.path, c.key]);
    const values = n?.e ?? (n?.t === 'b' ? ['true', 'false'] : undefined);
    if (!values) return null;
    return { from: c.from, options: values.map((v): Completion => ({ label: String(v), type: 'enum' })), validFor: /^[\w.-]*$/ };
  }
  const parent = nodeAt(spec, c.path);
  if (!parent?.p) return null;
  const column = c.from - (text.lastIndexOf('\n', c.from - 1) + 1);
  const taken = new Set(c.siblings);
  const options = Object.entries(parent.p)
    .filter(([k]) => !taken.has(k))
    .map(([k, n]): Completion => {
      const required = parent.r?.includes(k) ?? false;
      return { label: k, type: 'property', detail: `${describe(n)}${required ? ' · required' : ''}`, apply: applyFor(k, n, column), boost: required ? 1 : 0 };
    });
  return options.length ? { from: c.from, options, validFor: /^[\w$.-]*$/ } : null;
}

/** The CodeMirror completion source. */
export function istioCompletionSource(ctx: CompletionContext): CompletionResult | null {
  return schemaCompletions(ctx.state.doc.toString(), ctx.pos, ctx.explicit);
}
