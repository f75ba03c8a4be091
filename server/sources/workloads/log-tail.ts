import { open } from 'node:fs/promises';

async function tailBytes(file: string, maxBytes: number): Promise<{ text: string; cut: boolean } | undefined> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = (await fh.stat()).size;
    const len = Math.min(size, maxBytes);
    const buf = Buffer.alloc(len);
    await fh.read(buf, 0, len, size - len);
    return { text: buf.toString('utf8'), cut: len < size };
  } finally {
    await fh.close();
  }
}

/**
 * The newest lines of a kubelet-style log (`file.1` then `file`), reading at most `maxBytes` from disk, keeping
 * lines stamped at or after `sinceMs` and at most `maxLines`. Undefined when neither file exists.
 */
export async function tailLog(file: string, opts: { maxBytes: number; maxLines: number; sinceMs?: number }): Promise<{ lines: string[]; truncated: boolean } | undefined> {
  const current = await tailBytes(file, opts.maxBytes);
  if (!current) return undefined;
  let text = current.text;
  let cut = current.cut;
  if (!cut && text.length < opts.maxBytes) {
    const older = await tailBytes(`${file}.1`, opts.maxBytes - Buffer.byteLength(text));
    if (older) {
      text = older.text + text;
      cut = older.cut;
    }
  }
  let lines = text.split('\n');
  // A cut read starts mid-line; the last element is the empty string after the final newline.
  if (cut) lines = lines.slice(1);
  lines = lines.filter((l) => l.length > 0);
  if (opts.sinceMs !== undefined) {
    const since = opts.sinceMs;
    const first = lines.findIndex((l) => Date.parse(l.slice(0, l.indexOf(' '))) >= since);
    lines = first === -1 ? [] : lines.slice(first);
  }
  const truncated = cut || lines.length > opts.maxLines;
  return { lines: lines.slice(-opts.maxLines), truncated };
}
