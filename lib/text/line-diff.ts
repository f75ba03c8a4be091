/** One line of a diff: kept, removed (only in `a`) or added (only in `b`). */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/**
 * Line diff by longest common subsequence — exact and simple; meant for config objects (hundreds of lines),
 * where O(n·m) is cheap. Inputs longer than `maxLines` each are diffed as a whole replacement.
 */
export function diffLines(a: string, b: string, maxLines = 4000): DiffLine[] {
  const x = a === '' ? [] : a.replace(/\n$/, '').split('\n');
  const y = b === '' ? [] : b.replace(/\n$/, '').split('\n');
  if (x.length > maxLines || y.length > maxLines) return [...x.map((t) => ({ op: '-' as const, text: t })), ...y.map((t) => ({ op: '+' as const, text: t }))];
  const n = x.length;
  const m = y.length;
  // lcs[i][j] = LCS length of x[i..] and y[j..], stored flat.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = x[i] === y[j] ? (lcs[(i + 1) * (m + 1) + j + 1] as number) + 1 : Math.max(lcs[(i + 1) * (m + 1) + j] as number, lcs[i * (m + 1) + j + 1] as number);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      out.push({ op: ' ', text: x[i] as string });
      i++;
      j++;
    } else if ((lcs[(i + 1) * (m + 1) + j] as number) >= (lcs[i * (m + 1) + j + 1] as number)) {
      out.push({ op: '-', text: x[i++] as string });
    } else {
      out.push({ op: '+', text: y[j++] as string });
    }
  }
  while (i < n) out.push({ op: '-', text: x[i++] as string });
  while (j < m) out.push({ op: '+', text: y[j++] as string });
  return out;
}

/** A unified diff (`---`/`+++` headers, `@@` hunks with `context` lines around changes). */
export function unifiedDiff(a: string, b: string, nameA = 'before', nameB = 'after', context = 3): string {
  const lines = diffLines(a, b);
  if (lines.every((l) => l.op === ' ')) return '';
  const out = [`--- ${nameA}`, `+++ ${nameB}`];
  const changed = lines.map((l, k) => (l.op !== ' ' ? k : -1)).filter((k) => k >= 0);
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, (changed[k] as number) - context);
    let end = Math.min(lines.length, (changed[k] as number) + context + 1);
    while (k + 1 < changed.length && (changed[k + 1] as number) - context <= end) {
      k++;
      end = Math.min(lines.length, (changed[k] as number) + context + 1);
    }
    let aLine = 1;
    let bLine = 1;
    for (let q = 0; q < start; q++) {
      if (lines[q]?.op !== '+') aLine++;
      if (lines[q]?.op !== '-') bLine++;
    }
    const hunk = lines.slice(start, end);
    const aCount = hunk.filter((l) => l.op !== '+').length;
    const bCount = hunk.filter((l) => l.op !== '-').length;
    out.push(`@@ -${aCount ? aLine : aLine - 1},${aCount} +${bCount ? bLine : bLine - 1},${bCount} @@`);
    for (const l of hunk) out.push(`${l.op}${l.text}`);
    k++;
  }
  return out.join('\n') + '\n';
}
