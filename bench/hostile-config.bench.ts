/**
 * hostile-config.<attack>.worstHealthMs / .answerMs: each YAML/JSON attack of issue 12 sent to a live server while
 * another thread asks /api/health every 50 ms — the worst health latency during the attack and the time to answer.
 * hostile-config.linear.*: validate time per KB of a valid bundle at 1x, 10x and 100x its size (flat means linear),
 * and the bounded parser's time per KB for one mapping of 2k, 20k and 200k keys (quadratic before: yaml's
 * duplicate-key check).
 */
import { parseAllDocumentsBounded } from '../lib/istio/bounded-yaml';
import { defaultLimits } from '../lib/limits';
import { YAML_LIMITS } from '../lib/limits/yaml';
import { billionLaughsYaml, deepFlowYaml, deepJson, manyAliasesYaml, manyDocumentsYaml, manyKeysJson, manyKeysYaml, validBundleYaml } from '../server/hostile/config-payloads';
import { startApiServer } from '../server/testing/api-server';
import { rawRequest, underAttack } from '../server/testing/hostile';
import type { Emit } from './run';

const VS = '/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService';

export default async function bench(emit: Emit): Promise<void> {
  // The 1000-object linearity sample is past the default node bound: lift it for this server only.
  const fx = await startApiServer({ limits: { ...defaultLimits(), yaml: { ...YAML_LIMITS, maxNodes: 200_000 } } });
  try {
    const attacks: [string, string, string, string, string][] = [
      ['validate-20k-keys', 'POST', '/api/istio/validate', manyKeysYaml(20_000), 'application/yaml'],
      ['validate-10k-aliases', 'POST', '/api/istio/validate', manyAliasesYaml(10_000), 'application/yaml'],
      ['validate-billion-laughs', 'POST', '/api/istio/validate', billionLaughsYaml(), 'application/yaml'],
      ['validate-flow-80k-deep', 'POST', '/api/istio/validate', deepFlowYaml(80_000), 'application/yaml'],
      ['validate-5000-documents', 'POST', '/api/istio/validate', manyDocumentsYaml(5000), 'application/yaml'],
      ['put-20k-keys', 'PUT', `${VS}/reviews`, manyKeysYaml(20_000), 'application/yaml'],
      ['create-20k-members-json', 'POST', VS, manyKeysJson(20_000), 'application/json'],
      ['put-json-80k-deep', 'PUT', `${VS}/reviews`, deepJson(80_000), 'application/json'],
      ['patch-json-80k-deep', 'PATCH', `${VS}/reviews`, deepJson(80_000), 'application/merge-patch+json'],
    ];
    for (const [name, method, p, body, type] of attacks) {
      const r = await underAttack(fx.url, () => rawRequest(fx.url, method, p, { 'content-type': type, 'x-meshlens-csrf': '1' }, body));
      emit({ bench: `hostile-config.${name}.worstHealthMs`, value: Math.round(r.worstHealthMs), unit: 'ms' });
      emit({ bench: `hostile-config.${name}.answerMs`, value: Math.round(r.elapsedMs), unit: 'ms' });
    }

    // Linearity end to end: a valid bundle of 10, 100 and 1000 VirtualServices (3.5 KB .. 350 KB).
    const perKb: number[] = [];
    for (const n of [10, 100, 1000]) {
      const body = validBundleYaml(n);
      await rawRequest(fx.url, 'POST', '/api/istio/validate', { 'content-type': 'application/yaml' }, body); // warm
      const t0 = performance.now();
      const a = await rawRequest(fx.url, 'POST', '/api/istio/validate', { 'content-type': 'application/yaml' }, body);
      if (a.status !== 200) throw new Error(`validate of ${n} objects answered ${a.status}: ${a.body.slice(0, 200)}`);
      perKb.push((performance.now() - t0) / (Buffer.byteLength(body) / 1024));
      emit({ bench: `hostile-config.linear.validate.msPerKB.${n === 10 ? '1x' : n === 100 ? '10x' : '100x'}`, value: Number((perKb.at(-1) as number).toFixed(3)), unit: 'ms/KB' });
    }
    emit({ bench: 'hostile-config.linear.validate.ratio100xTo10x', value: Number(((perKb[2] as number) / (perKb[1] as number)).toFixed(2)), unit: 'x' });
  } finally {
    await fx.close();
  }

  // The parser alone on one mapping of many keys, bounds lifted: per-KB time should stay flat.
  const open = { ...YAML_LIMITS, maxKeysPerMapping: 1e9, maxNodes: 1e9, maxBytes: 1e9 };
  const keyPerKb: number[] = [];
  for (const n of [2_000, 20_000, 200_000]) {
    const text = `m:\n${Array.from({ length: n }, (_, i) => `  k${i}: v\n`).join('')}`;
    parseAllDocumentsBounded(text, open);
    const t0 = performance.now();
    parseAllDocumentsBounded(text, open);
    keyPerKb.push((performance.now() - t0) / (text.length / 1024));
    emit({ bench: `hostile-config.linear.keys.msPerKB.${n}`, value: Number((keyPerKb.at(-1) as number).toFixed(3)), unit: 'ms/KB' });
  }
  emit({ bench: 'hostile-config.linear.keys.ratio200kTo2k', value: Number(((keyPerKb[2] as number) / (keyPerKb[0] as number)).toFixed(2)), unit: 'x' });
}
