/**
 * graph.build: p50 ms to answer a graph request (query the embedded store + build + serialise JSON) for a
 * synthetic mesh of 1,000 workloads / 5,000 edges; graph.build_cpu: the CPU time of the same; graph.rss_mb: the
 * process RSS after building that graph (after a full GC; graph.rss_before_gc_mb without one).
 * The work runs in a child process with --expose-gc so memory figures are its own.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchResult, Emit } from './run';

export default async function bench(emit: Emit): Promise<void> {
  const script = fileURLToPath(new URL('./graph-measure.ts', import.meta.url));
  const child = spawn(process.execPath, ['--expose-gc', '--import', import.meta.resolve('tsx'), script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`graph bench child exited with ${code}`);
  for (const line of out.split('\n')) if (line.trim()) emit(JSON.parse(line) as BenchResult);
}
