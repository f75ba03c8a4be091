/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and prints
 * one JSON object per line: {"bench": name, "value": n, "unit": "..."}.
 * A bench file default-exports `async (emit) => void` and calls emit once per figure it measures.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchResult {
  bench: string;
  value: number;
  unit: string;
}
export type Emit = (r: BenchResult) => void;

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

let failed = 0;
for (const f of files) {
  try {
    const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { default: (emit: Emit) => Promise<void> };
    await mod.default((r) => process.stdout.write(JSON.stringify(r) + '\n'));
  } catch (err) {
    failed++;
    process.stderr.write(`bench ${f} failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  }
}
process.exit(failed ? 1 : 0);
