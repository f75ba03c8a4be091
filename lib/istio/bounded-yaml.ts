import { Composer, CST, isMap, isScalar, isSeq, Lexer, Parser, YAMLParseError, type Document, type LineCounter, type Node } from 'yaml';
import type { YamlLimits } from '../limits/yaml';

/** Why an input was refused before it was composed: the bound it passed and where. */
export interface YamlRefusal {
  /** Which limit (a `YamlLimits` field name). */
  limit: keyof YamlLimits;
  message: string;
  /** Offset in the text where the bound was passed, and its 1-based line and column. */
  offset: number;
  line: number;
  column: number;
}

export interface BoundedDocument {
  doc: Document.Parsed;
  /** The document's exact source text (kept so a rewrite can leave a broken sibling byte for byte). */
  source: string;
}

export type BoundedParse = { documents: BoundedDocument[] } | { refused: YamlRefusal };

/**
 * `parseAllDocuments` with every bound checked first, in time linear in the input:
 * - the lexer and CST parser run one document at a time, and each document's token tree is walked (iteratively,
 *   so depth cannot overflow the stack) counting documents, nodes, depth, keys per mapping and aliases; the first
 *   bound passed stops lexing after that document, and nothing is composed until its document passed the scan;
 * - documents are composed with `uniqueKeys: false` — `yaml`'s duplicate-key check compares each key with every
 *   earlier key of its mapping (quadratic: 20k keys took seconds) — and duplicate keys are found here instead with
 *   one Set per mapping, reported as the same `DUPLICATE_KEY` error.
 * Converting a document (`toJS`) should pass `maxAliasCount: limits.maxAliases` (`yaml`'s own expansion bound).
 */
export function parseAllDocumentsBounded(text: string, limits: YamlLimits, lineCounter?: LineCounter): BoundedParse {
  const r = parseWithin(text, limits, lineCounter);
  if (!('refused' in r)) return r;
  const { line, column } = positionOf(text, r.refused.offset);
  return { refused: { ...r.refused, line, column } };
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

type Refusal = Omit<YamlRefusal, 'line' | 'column'>;

function parseWithin(text: string, limits: YamlLimits, lineCounter?: LineCounter): { documents: BoundedDocument[] } | { refused: Refusal } {
  const bytes = utf8Length(text, limits.maxBytes);
  if (bytes > limits.maxBytes) return { refused: { limit: 'maxBytes', message: `input is over the ${limits.maxBytes}-byte limit`, offset: 0 } };
  const early = lexerScan(text, limits);
  if (early) return { refused: early };
  const parser = new Parser(lineCounter?.addNewLine);
  const composer = new Composer({ uniqueKeys: false, logLevel: 'error' });
  const documents: BoundedDocument[] = [];
  const counts = { documents: 0, nodes: 0, aliases: 0 };
  const add = (doc: Document.Parsed) => {
    findDuplicateKeys(doc);
    if (lineCounter) for (const e of doc.errors) e.linePos ??= [lineCounter.linePos(e.pos[0])];
    documents.push({ doc, source: '' });
  };
  for (const token of parser.parse(text)) {
    if (token.type === 'document') {
      if (++counts.documents > limits.maxDocuments) return { refused: { limit: 'maxDocuments', message: `more than ${limits.maxDocuments} documents`, offset: token.offset } };
      const refused = scanDocument(token, limits, counts);
      if (refused) return { refused };
    }
    for (const doc of composer.next(token)) add(doc);
  }
  for (const doc of composer.end(false, text.length)) add(doc);
  // Each document's text runs from the end of the previous one, so the pieces put together are the input.
  let from = 0;
  documents.forEach((d, i) => {
    const end = i === documents.length - 1 ? text.length : Math.max(from, d.doc.range[2]);
    d.source = text.slice(from, end);
    from = end;
  });
  return { documents };
}

/** UTF-8 length, stopping once past `cap` (a 4 MB string need not be measured to the end to be refused). */
function utf8Length(text: string, cap: number): number {
  if (text.length * 3 <= cap) return text.length; // cannot pass the cap even if every char took 3 bytes
  let n = 0;
  for (let i = 0; i < text.length && n <= cap; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return n;
}

/**
 * A first pass over the lexer's tokens (cheap: no tree is built) for the bounds a small input can pass by a lot:
 * flow nesting (`[[[[...` — the CST parser slows down with depth), `- - - -` nesting on one line, aliases and scalars.
 * It stops at the first bound passed. It undercounts nodes and block depth, which the CST walk then counts exactly.
 */
function lexerScan(text: string, limits: YamlLimits): Refusal | undefined {
  const refuse = (limit: keyof YamlLimits, message: string, offset: number): Refusal => ({ limit, message, offset });
  let offset = 0;
  let lineStart = 0;
  let keyCol = -1; // column of the line's first key or scalar, after its indentation and `- ` indicators
  let lineNesting = 0;
  let scalars = 0;
  let aliases = 0;
  let docStarts = 0;
  // Flow collections open now, with their entry count when they are mappings (-1 for sequences).
  const flow: number[] = [];
  // Block mappings open now, innermost last: the column of their keys and how many they have.
  const blocks: { col: number; keys: number }[] = [];
  for (const tok of new Lexer().lex(text)) {
    const at = offset;
    // The lexer's mode markers (document, scalar, flow end) are not in the source.
    if (tok !== CST.DOCUMENT && tok !== CST.SCALAR && tok !== CST.FLOW_END) offset += tok.length;
    const type = CST.tokenType(tok);
    if (type === 'newline') {
      lineStart = offset;
      keyCol = -1;
      lineNesting = 0;
      continue;
    }
    if (keyCol === -1 && type !== 'space' && type !== 'seq-item-ind' && type !== 'explicit-key-ind' && type !== 'comment' && type !== 'doc-mode') keyCol = at - lineStart;
    switch (type) {
      case 'flow-map-start':
      case 'flow-seq-start':
        flow.push(type === 'flow-map-start' ? 1 : -1);
        if (flow.length + lineNesting > limits.maxDepth) return refuse('maxDepth', `nested deeper than ${limits.maxDepth} levels`, at);
        if (++scalars > limits.maxNodes) return refuse('maxNodes', `more than ${limits.maxNodes} nodes`, at);
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        flow.pop();
        break;
      case 'comma': {
        const top = flow.length - 1;
        if (top >= 0 && (flow[top] as number) > 0 && (flow[top] = (flow[top] as number) + 1) > limits.maxKeysPerMapping) return refuse('maxKeysPerMapping', `a mapping has more than ${limits.maxKeysPerMapping} keys`, at);
        break;
      }
      case 'seq-item-ind':
      case 'explicit-key-ind': {
        if (flow.length + ++lineNesting > limits.maxDepth) return refuse('maxDepth', `nested deeper than ${limits.maxDepth} levels`, at);
        // A new sequence item starts new mappings at and right of its column.
        const col = at - lineStart;
        while (blocks.length > 0 && (blocks[blocks.length - 1] as { col: number }).col >= col) blocks.pop();
        break;
      }
      case 'map-value-ind': {
        if (flow.length > 0 || keyCol < 0) break;
        while (blocks.length > 0 && (blocks[blocks.length - 1] as { col: number }).col > keyCol) blocks.pop();
        const top = blocks[blocks.length - 1];
        if (top && top.col === keyCol) {
          if (++top.keys > limits.maxKeysPerMapping) return refuse('maxKeysPerMapping', `a mapping has more than ${limits.maxKeysPerMapping} keys`, at);
        } else blocks.push({ col: keyCol, keys: 1 });
        break;
      }
      case 'alias':
        if (++aliases > limits.maxAliases) return refuse('maxAliases', `more than ${limits.maxAliases} aliases`, at);
        break;
      case 'scalar': // the marker before each flow scalar (its text follows as a token of its own)
      case 'block-scalar-header':
        if (++scalars > limits.maxNodes) return refuse('maxNodes', `more than ${limits.maxNodes} nodes`, at);
        break;
      case 'doc-start':
        // Documents after the first each start with `---` (a bare first one has none: hence the +1 in the bound).
        if (++docStarts > limits.maxDocuments) return refuse('maxDocuments', `more than ${limits.maxDocuments} documents`, at);
        blocks.length = 0;
        break;
      default:
    }
  }
  return undefined;
}

type Counts = { documents: number; nodes: number; aliases: number };

/** Walks one document's CST (explicit stack: depth is what is being bounded) and returns the first bound passed. */
function scanDocument(doc: CST.Document, limits: YamlLimits, counts: Counts): Refusal | undefined {
  const stack: { token: CST.Token; depth: number }[] = [];
  if (doc.value) stack.push({ token: doc.value, depth: 1 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as { token: CST.Token; depth: number };
    const offset = 'offset' in token ? token.offset : 0;
    if (++counts.nodes > limits.maxNodes) return { limit: 'maxNodes', message: `more than ${limits.maxNodes} nodes`, offset };
    if (token.type === 'alias' && ++counts.aliases > limits.maxAliases) return { limit: 'maxAliases', message: `more than ${limits.maxAliases} aliases`, offset };
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth > limits.maxDepth) return { limit: 'maxDepth', message: `nested deeper than ${limits.maxDepth} levels`, offset };
    const isMapping = token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{');
    if (isMapping && token.items.length > limits.maxKeysPerMapping) return { limit: 'maxKeysPerMapping', message: `a mapping has more than ${limits.maxKeysPerMapping} keys`, offset };
    for (const item of token.items) {
      if (item.key) stack.push({ token: item.key, depth: depth + 1 });
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Duplicate keys, one Set per mapping (linear), reported as `DUPLICATE_KEY` like `yaml`'s own check. Keys that are
 * not scalars (a mapping or an alias as a key) are refused too: Kubernetes objects never have them, and comparing
 * them is the quadratic work this replaces.
 */
function findDuplicateKeys(doc: Document.Parsed): void {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isSeq(node)) for (const item of node.items) stack.push(item);
    if (!isMap(node)) continue;
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const at = (key ?? node).range?.[0] ?? 0;
      if (key !== null && !isScalar(key)) {
        doc.errors.push(new YAMLParseError([at, at + 1], 'NON_STRING_KEY', 'Map keys must be scalars'));
      } else {
        // toJS turns every key into a string, so `1` and `"1"` would collide there: compare them as it will.
        const id = key === null ? '' : String(key.value);
        if (seen.has(id)) doc.errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        seen.add(id);
      }
      stack.push(pair.value);
    }
  }
}

/**
 * `yaml`'s `parse` (one document to a value) within the bounds: `{ value }`, or `{ error }` with the first problem
 * (a bound passed, a syntax error, more than one document, an alias bomb).
 */
export function parseYamlValue(text: string, limits: YamlLimits): { value: unknown } | { error: string } {
  const parsed = parseAllDocumentsBounded(text, limits);
  if ('refused' in parsed) return { error: parsed.refused.message };
  const docs = parsed.documents;
  if (docs.length > 1) return { error: 'expected one YAML document, found several' };
  const doc = docs[0]?.doc;
  if (!doc) return { value: null };
  const first = doc.errors[0];
  if (first) return { error: first.message.split('\n')[0] ?? first.code };
  try {
    return { value: doc.toJS({ maxAliasCount: limits.maxAliases }) as unknown };
  } catch (err) {
    return { error: (err as Error).message.split('\n')[0] ?? 'unreadable YAML' };
  }
}
