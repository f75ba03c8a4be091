import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';

const SOURCES = ['app', 'components', 'lib', 'public', 'next.config.ts', 'package.json', 'tsconfig.json'];

/** Newest modification time under the UI's sources (tests and hidden files excluded). */
function newestSource(root: string): number {
  let newest = 0;
  const visit = (p: string, depth: number) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      if (depth > 10) return;
      for (const e of readdirSync(p)) if (!e.startsWith('.') && e !== 'node_modules') visit(path.join(p, e), depth + 1);
    } else if (!/\.(test|spec)\.tsx?$/.test(p)) {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const s of SOURCES) visit(path.join(root, s), 0);
  return newest;
}

/** Whether `.next` is missing or older than the UI sources. */
export function buildIsStale(root: string): boolean {
  const id = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(id)) return true;
  return newestSource(root) > statSync(id).mtimeMs;
}

/** Runs `next build` when the build is missing or stale (what `npm start` relies on). */
export async function ensureBuild(root: string, log: Logger): Promise<void> {
  if (!buildIsStale(root)) return;
  log.info('building the UI (next build); this takes a minute the first time');
  const bin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build failed with exit code ${code}`))));
    child.on('error', reject);
  });
}
