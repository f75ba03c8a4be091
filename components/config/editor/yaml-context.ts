/**
 * Where the cursor is in a block-style YAML document, from indentation alone (it must work on half-typed,
 * unparsable text): typing a key inside some mapping, or a value after `key: `. `path` lists the keys from the
 * root, with `[]` for "an item of this list".
 */
export type YamlCursor =
  | { at: 'key'; path: string[]; from: number; siblings: string[] }
  | { at: 'value'; path: string[]; key: string; from: number };

interface LineInfo {
  indent: number;
  dash: boolean;
  keyCol: number;
  key: string | undefined;
}

const KEY_LINE = /^(\s*)(-\s+)?([A-Za-z_$][\w.$-]*)\s*:(\s|$)/;
const DASH_ONLY = /^(\s*)-\s*$/;

function info(line: string): LineInfo | undefined {
  if (line.trim() === '' || line.trimStart().startsWith('#')) return undefined;
  const m = KEY_LINE.exec(line);
  if (m) {
    const indent = m[1]?.length ?? 0;
    return { indent, dash: Boolean(m[2]), keyCol: indent + (m[2]?.length ?? 0), key: m[3] };
  }
  const d = DASH_ONLY.exec(line);
  if (d) return { indent: d[1]?.length ?? 0, dash: true, keyCol: (d[1]?.length ?? 0) + 2, key: undefined };
  const indent = /^\s*/.exec(line)?.[0].length ?? 0;
  const dash = line.slice(indent).startsWith('- ');
  return { indent, dash, keyCol: indent + (dash ? 2 : 0), key: undefined };
}

/**
 * Walks up from a line whose content starts at column `col` (and that starts a list item when `dash`), and
 * collects the keys that contain it: returns the path, outermost first.
 */
function containerPath(lines: readonly string[], row: number, col: number, dash: boolean, dashCol: number): string[] {
  const path: string[] = [];
  let need = col;
  if (dash) {
    path.unshift('[]');
    need = dashCol;
  }
  for (let r = row - 1; r >= 0 && need > 0; r--) {
    const li = info(lines[r] ?? '');
    if (!li) continue;
    if (li.dash && li.indent < need && li.keyCol === need) {
      // The list item we are in starts on this line.
      path.unshift('[]');
      need = li.indent;
      continue;
    }
    if (li.keyCol < need && li.key !== undefined) {
      path.unshift(li.key);
      if (li.dash) {
        path.unshift('[]');
        need = li.indent;
      } else need = li.keyCol;
    } else if (li.indent < need && li.key === undefined && !li.dash) {
      // A flow or scalar line less indented than us: the structure is not block YAML we can follow.
      return path;
    }
  }
  return path;
}

/** Keys already present in the mapping the cursor is in (same column, same block), to not offer them again. */
function siblingKeys(lines: readonly string[], row: number, col: number): string[] {
  const out: string[] = [];
  const scan = (from: number, step: 1 | -1) => {
    for (let r = from; r >= 0 && r < lines.length; r += step) {
      const li = info(lines[r] ?? '');
      if (!li) continue;
      if (li.keyCol < col) {
        // The item's first key sits on its dash line, at our column: it is a sibling, and the block ends there.
        if (step === -1 && li.dash && li.keyCol === col && li.key) out.push(li.key);
        break;
      }
      if (li.keyCol === col && li.key) {
        if (step === 1 && li.dash) break;
        out.push(li.key);
        if (step === -1 && li.dash) break;
      }
    }
  };
  scan(row - 1, -1);
  scan(row + 1, 1);
  return out;
}

export function yamlCursor(text: string, pos: number): YamlCursor | null {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const before = text.slice(lineStart, pos);
  const lines = text.split('\n');
  const row = text.slice(0, lineStart).split('\n').length - 1;
  const valueMatch = /^(\s*)(-\s+)?([A-Za-z_$][\w.$-]*)\s*:\s+([\w.-]*)$/.exec(before);
  if (valueMatch) {
    const indent = valueMatch[1]?.length ?? 0;
    const dash = Boolean(valueMatch[2]);
    const col = indent + (valueMatch[2]?.length ?? 0);
    const path = containerPath(lines, row, col, dash, indent);
    return { at: 'value', path, key: valueMatch[3] ?? '', from: pos - (valueMatch[4]?.length ?? 0) };
  }
  const keyMatch = /^(\s*)(-\s+)?([A-Za-z_$][\w.$-]*)?$/.exec(before);
  if (!keyMatch) return null;
  const indent = keyMatch[1]?.length ?? 0;
  const dash = Boolean(keyMatch[2]);
  const col = indent + (keyMatch[2]?.length ?? 0);
  const path = containerPath(lines, row, col, dash, indent);
  return { at: 'key', path, from: pos - (keyMatch[3]?.length ?? 0), siblings: dash ? [] : siblingKeys(lines, row, col) };
}
