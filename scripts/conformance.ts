// `npm run conformance`: runs the validator over ../shared/conformance (istioctl analyze's test grid and Kiali's
// fixtures) and prints the pass rates. Skips, saying so, where the corpus is absent.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runIstioCases, runIstioMultiClusterCases } from './conformance-istio';
import { runKialiChecks } from './conformance-kiali';

const root = resolve(process.argv[2] ?? resolve(import.meta.dirname, '..', '..', 'shared', 'conformance'));
const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');

if (!existsSync(root)) {
  console.log(`conformance corpus not found at ${root}: skipped`);
  process.exit(0);
}

const pct = (n: number, d: number) => (d === 0 ? '0.0' : ((100 * n) / d).toFixed(1));

const istio = runIstioCases(root);
const istioPass = istio.filter((r) => r.pass).length;
for (const r of istio) if (!r.pass || verbose) console.log(`${r.pass ? 'PASS' : 'FAIL'} ${r.id} [${r.analyzer}]${r.detail ? `: ${r.detail}` : ''}`);
console.log(`istioctl: ${istioPass}/${istio.length} (${pct(istioPass, istio.length)}%)`);

const multi = runIstioMultiClusterCases(root);
const multiPass = multi.filter((r) => r.pass).length;
for (const r of multi) if (!r.pass || verbose) console.log(`${r.pass ? 'PASS' : 'FAIL'} ${r.id} [${r.analyzer}]${r.detail ? `: ${r.detail}` : ''}`);
if (multi.length > 0) console.log(`istioctl multicluster: ${multiPass}/${multi.length}`);

const kiali = runKialiChecks(root);
const kialiPass = kiali.filter((r) => r.pass).length;
for (const r of kiali) if (!r.pass || verbose) console.log(`${r.pass ? 'PASS' : 'FAIL'} kiali ${r.id}${r.detail ? `: ${r.detail}` : ''}`);
console.log(`kiali: ${kialiPass}/${kiali.length} (${pct(kialiPass, kiali.length)}%)`);

const total = istioPass + multiPass + kialiPass;
const all = istio.length + multi.length + kiali.length;
console.log(`conformance: ${total}/${all} (${pct(total, all)}%) — istioctl ${pct(istioPass, istio.length)}%, kiali ${pct(kialiPass, kiali.length)}%`);
