/**
 * Seeded mutations of YAML and JSON documents for the config fuzz run: structure-aware edits of a parsed object
 * (nesting, many keys, anchors and aliases, odd scalars, duplicate keys, extra documents) and byte flips of the text.
 */
import { Document } from 'yaml';
import { mulberry32 } from '../../lib/stats/simulate';

/** mulberry32: a small seeded PRNG, so a failing run can be replayed from its seed. */
export function prng(seed: number): () => number {
  return mulberry32(seed);
}

export type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)] as T;

const ODD_SCALARS: readonly unknown[] = [null, true, 0, -1, 1e308, -0, 'NaN', '', '\u0000', '\ud800', '~', 'null', '<<', '__proto__', 'constructor', 'x'.repeat(5000), '*alias', '&anchor', '---', '\t', '💥', 65536, '1e309', { a: 1 }, [1, 2]];
const KEYS: readonly string[] = ['__proto__', 'constructor', 'toString', 'hosts', 'http', 'route', 'subset', 'weight', 'metadata', 'name', 'namespace', 'kind', 'spec', '<<', '', 'k'];

/** Paths to every container in a value (for picking where to edit). */
function containers(v: unknown, path: (string | number)[] = [], out: (string | number)[][] = [], depth = 0): (string | number)[][] {
  if (depth > 30 || typeof v !== 'object' || v === null) return out;
  out.push(path);
  if (Array.isArray(v)) v.forEach((x, i) => containers(x, [...path, i], out, depth + 1));
  else for (const [k, x] of Object.entries(v)) containers(x, [...path, k], out, depth + 1);
  return out;
}

function at(root: unknown, path: (string | number)[]): unknown {
  let v = root;
  for (const seg of path) v = (v as Record<string | number, unknown>)[seg];
  return v;
}

/** One structure-aware edit of a (cloned) value. */
function editValue(r: Rand, root: unknown): unknown {
  const spots = containers(root);
  const target = at(root, pick(r, spots.length > 0 ? spots : [[]])) as Record<string, unknown> | unknown[] | undefined;
  if (typeof target !== 'object' || target === null) return root;
  const put = (value: unknown) => {
    if (Array.isArray(target)) target.splice(int(r, target.length + 1), 0, value);
    else Object.defineProperty(target, pick(r, KEYS) + (r() < 0.5 ? '' : String(int(r, 100))), { value, enumerable: true, configurable: true, writable: true });
  };
  switch (int(r, 6)) {
    case 0: {
      let v: unknown = pick(r, ODD_SCALARS);
      for (let i = int(r, 120); i > 0; i--) v = r() < 0.5 ? [v] : { a: v };
      put(v);
      break;
    }
    case 1: {
      const wide: Record<string, unknown> = {};
      for (let i = int(r, 1100); i > 0; i--) wide[`k${i}`] = i; // up to just past the 1000-key bound
      put(wide);
      break;
    }
    case 2:
      put(pick(r, ODD_SCALARS));
      break;
    case 3:
      if (!Array.isArray(target)) {
        const keys = Object.keys(target);
        if (keys.length > 0) delete target[pick(r, keys)];
      } else target.pop();
      break;
    case 4:
      put(Array.from({ length: int(r, 600) }, (_, i) => i));
      break;
    default:
      put(pick(r, ODD_SCALARS));
  }
  return root;
}

/** Text-level YAML edits the object model cannot express: aliases, duplicate keys, documents, tags, indentation. */
function editYamlText(r: Rand, text: string): string {
  const lines = text.split('\n');
  const i = int(r, lines.length);
  switch (int(r, 7)) {
    case 0:
      lines.splice(i, 0, `anchor${i}: &a${i} [x, y]`, ...Array.from({ length: int(r, 300) }, (_, j) => `al${j}: *a${i}`));
      break;
    case 1:
      lines.splice(i, 0, lines[i] ?? '', lines[i] ?? ''); // a duplicate key (or item) at the same spot
      break;
    case 2:
      lines.splice(i, 0, ...Array.from({ length: int(r, 3000) }, () => '---'));
      break;
    case 3:
      lines[i] = `${lines[i] ?? ''} !!binary`;
      break;
    case 4:
      lines[i] = ' '.repeat(int(r, 9)) + (lines[i] ?? '').trimStart();
      break;
    case 5:
      lines.splice(i, 0, `deep: ${'['.repeat(int(r, 2000))}`);
      break;
    default:
      lines.splice(i, 0, `? [complex, key]\n: v`);
  }
  return lines.join('\n');
}

/** Byte flips: replace, insert or delete a few bytes. */
export function flipBytes(r: Rand, text: string): string {
  const b = Buffer.from(text, 'utf8');
  const out = [...b];
  for (let n = 1 + int(r, 8); n > 0; n--) {
    const p = int(r, out.length + 1);
    const byte = pick(r, [0, 0x0a, 0x22, 0x27, 0x2a, 0x26, 0x3a, 0x2d, 0x7b, 0x5b, 0x5d, 0x7d, 0xff, 0xc3, int(r, 256)]);
    const op = int(r, 3);
    if (op === 0 && p < out.length) out[p] = byte;
    else if (op === 1) out.splice(p, 0, byte);
    else out.splice(p, 1);
  }
  return Buffer.from(out).toString('utf8');
}

/** One mutated body from a seed object: YAML or JSON text, a mix of the mutations above. */
export function mutate(r: Rand, seed: unknown, as: 'yaml' | 'json'): string {
  let value: unknown = structuredClone(seed);
  for (let n = 1 + int(r, 3); n > 0; n--) value = editValue(r, value);
  let text = as === 'json' ? JSON.stringify(value) : new Document(value).toString({ lineWidth: 0 });
  if (as === 'yaml' && r() < 0.5) text = editYamlText(r, text);
  if (r() < 0.4) text = flipBytes(r, text);
  return text;
}
