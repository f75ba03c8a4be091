/**
 * A seeded, bounded fuzz run of every YAML/JSON config endpoint: structure-aware mutations and byte flips of real
 * objects, sent to `/api/istio/validate`, create/PUT/PATCH and traffic-shift. Fails on any 5xx, any answer slower
 * than SLOW_MS, or `/api/health` stalling for a second. The seed is printed; replay a run with
 * `MESHLENS_FUZZ_SEED=<seed>` (and `MESHLENS_FUZZ_ITERATIONS=<n>` per endpoint, default 60).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiFixture } from '../testing/api-server';
import { rawRequest, underAttack } from '../testing/hostile';
import { expectIntact, restore, takeBaseline, type Baseline } from './config-fixture';
import { flipBytes, mutate, prng } from './yaml-mutator';

const SEED = Number(process.env.MESHLENS_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ITERATIONS = Number(process.env.MESHLENS_FUZZ_ITERATIONS ?? 60);
const SLOW_MS = 2000;
const VS = '/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService';

interface Failure {
  endpoint: string;
  iteration: number;
  status: number;
  ms: number;
  body: string;
}

describe(`config fuzz (seed ${SEED}, ${ITERATIONS} per endpoint)`, () => {
  let fx: ApiFixture;
  let base: Baseline;
  let reviews: unknown;
  beforeAll(async () => {
    process.stderr.write(`config fuzz seed: ${SEED} (MESHLENS_FUZZ_SEED=${SEED} to replay)\n`);
    fx = await startApiServer();
    base = await takeBaseline(fx);
    reviews = ((await fx.call('GET', `${VS}/reviews`)).body as { object: unknown }).object;
  });
  afterAll(() => fx.close());

  type Target = { method: string; path: (i: number) => string; body: (r: () => number, i: number) => string; type: (r: () => number) => string };
  const asYaml = (r: () => number) => (r() < 0.6 ? 'application/yaml' : 'application/json');
  const targets: Record<string, Target> = {
    validate: { method: 'POST', path: () => '/api/istio/validate', type: asYaml, body: (r) => mutate(r, reviews, r() < 0.7 ? 'yaml' : 'json') },
    create: {
      method: 'POST',
      path: (i) => `${VS}${i % 4 === 0 ? '' : '?dryRun=true'}`,
      type: asYaml,
      body: (r, i) => mutate(r, { ...(reviews as object), metadata: { name: `fuzz-${i}`, namespace: 'bookinfo' } }, r() < 0.5 ? 'yaml' : 'json'),
    },
    put: { method: 'PUT', path: (i) => `${VS}/reviews${i % 4 === 0 ? '?force=true' : '?dryRun=true'}`, type: asYaml, body: (r) => mutate(r, reviews, r() < 0.5 ? 'yaml' : 'json') },
    patch: { method: 'PATCH', path: (i) => `${VS}/reviews${i % 4 === 0 ? '' : '?dryRun=true'}`, type: () => 'application/merge-patch+json', body: (r) => mutate(r, { spec: { http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 100 }] }] } }, 'json') },
    'traffic-shift': {
      method: 'PUT',
      path: (i) => `/api/namespaces/bookinfo/services/reviews/traffic-shift${i % 3 === 0 ? '' : '?dryRun=true'}`,
      type: () => 'application/json',
      body: (r) => (r() < 0.5 ? mutate(r, { weights: { v1: 50, v2: 25, v3: 25 } }, 'json') : flipBytes(r, '{"weights":{"v1":80,"v3":20}}')),
    },
  };

  for (const [endpoint, t] of Object.entries(targets)) {
    it(`${endpoint}: no 5xx, no answer slower than ${SLOW_MS} ms, health never stalls`, async () => {
      const r = prng(SEED ^ [...endpoint].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7));
      // Warm the parse and validation paths first: a cold JIT is not what the run is measuring.
      for (let i = 0; i < 5; i++) await rawRequest(fx.url, t.method, `${t.path(1)}${t.path(1).includes('?') ? '&' : '?'}dryRun=true`, { 'content-type': 'application/yaml', 'x-meshlens-csrf': '1' }, t.body(prng(i), 1));
      const failures: Failure[] = [];
      const slowest: { iteration: number; ms: number; bytes: number; status: number }[] = [];
      const run = await underAttack(fx.url, async () => {
        for (let i = 0; i < ITERATIONS; i++) {
          const body = t.body(r, i);
          const t0 = performance.now();
          const a = await rawRequest(fx.url, t.method, t.path(i), { 'content-type': t.type(r), 'x-meshlens-csrf': '1' }, body);
          const ms = performance.now() - t0;
          slowest.push({ iteration: i, ms: Math.round(ms), bytes: body.length, status: a.status });
          if (a.status >= 500 || ms > SLOW_MS) failures.push({ endpoint, iteration: i, status: a.status, ms: Math.round(ms), body: body.slice(0, 200) });
        }
      });
      slowest.sort((a, b) => b.ms - a.ms);
      process.stderr.write(`${endpoint}: worst health ${Math.round(run.worstHealthMs)} ms; slowest answers ${JSON.stringify(slowest.slice(0, 3))}\n`);
      expect(failures, `seed ${SEED}: ${JSON.stringify(failures.slice(0, 3))}`).toEqual([]);
      expect(run.worstHealthMs, `seed ${SEED}`).toBeLessThan(1000);
    }, 180_000);
  }

  it('leaves the demo config as it was once the fuzz writes are undone', async () => {
    await restore(fx, base);
    await expectIntact(fx, base);
  });
});
