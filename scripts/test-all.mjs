#!/usr/bin/env node
// `npm test`: the whole suite — typecheck, lint, unit, integration (real Prometheus), browser end-to-end
// (Playwright on Debian's Chromium). Installs missing system packages when it can (root + apt), else says
// exactly what to install. Ends with one line "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = '1';
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const want = (step) => only.length === 0 || only.includes(step);

function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();
}

function ensureSystemPackages() {
  const missing = [];
  if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (!which('prometheus')) missing.push('prometheus');
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && which('apt-get')) {
    console.log(`installing ${missing.join(' ')} with apt-get ...`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const upd = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const inst = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
    if (upd.status === 0 && inst.status === 0) return;
  }
  console.error(`npm test needs Debian packages that are missing: ${missing.join(', ')}.\nInstall them with:  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}

const results = [];
let passed = 0;
let failed = 0;

function run(name, cmd, args, count) {
  if (!want(name)) return;
  const t0 = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const ok = r.status === 0;
  const counted = count?.();
  if (counted) {
    passed += counted.passed;
    failed += counted.failed;
  } else if (ok) {
    passed++;
  } else {
    failed++;
  }
  results.push({ name, ok, seconds: Math.round((Date.now() - t0) / 1000), counted });
}

function vitestCounts(file) {
  return () => {
    try {
      const j = JSON.parse(readFileSync(file, 'utf8'));
      return { passed: j.numPassedTests ?? 0, failed: (j.numFailedTests ?? 0) + (j.numTotalTestSuites && j.success === false && !j.numFailedTests ? 1 : 0) };
    } catch {
      return undefined;
    }
  };
}

function playwrightCounts(file) {
  return () => {
    try {
      const j = JSON.parse(readFileSync(file, 'utf8'));
      return { passed: (j.stats?.expected ?? 0) + (j.stats?.flaky ?? 0), failed: j.stats?.unexpected ?? 0 };
    } catch {
      return undefined;
    }
  };
}

ensureSystemPackages();
const out = mkdtempSync(path.join(os.tmpdir(), 'meshlens-test-'));
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

run('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
run('lint', bin('eslint'), ['--max-warnings=0', '.']);
run('unit', bin('vitest'), ['run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile.json=${out}/unit.json`], vitestCounts(`${out}/unit.json`));
run('integration', bin('vitest'), ['run', '--project', 'integration', '--reporter=default', '--reporter=json', `--outputFile.json=${out}/integration.json`], vitestCounts(`${out}/integration.json`));
if (want('e2e')) {
  run('build', process.execPath, ['bin/meshlens', 'build']);
  process.env.PLAYWRIGHT_JSON_OUTPUT_NAME = `${out}/e2e.json`;
  run('e2e', bin('playwright'), ['test', '--reporter=list,json'], playwrightCounts(`${out}/e2e.json`));
}

console.log('\n=== summary');
for (const r of results) {
  const detail = r.counted ? ` (${r.counted.passed} passed, ${r.counted.failed} failed)` : '';
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(12)} ${String(r.seconds).padStart(4)}s${detail}`);
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
