import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runValidate } from './validate';

const GOOD = `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
---
apiVersion: v1
kind: Pod
metadata: {name: reviews-1, namespace: bookinfo, labels: {app: reviews}}
spec: {containers: [{name: reviews}]}
`;
const BAD_VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
        subset: v4
`;
const INFO_ONLY = `apiVersion: v1
kind: Service
metadata: {name: plain, namespace: bookinfo}
spec: {selector: {app: reviews}, ports: [{port: 8080}]}
`;

let dir: string;
async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runValidate(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: dir });
  return { code, out, err };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'meshlens-validate-'));
  mkdirSync(join(dir, 'ok'));
  mkdirSync(join(dir, 'bad', 'nested'), { recursive: true });
  writeFileSync(join(dir, 'ok', 'app.yaml'), GOOD);
  writeFileSync(join(dir, 'ok', 'README.md'), 'not yaml: [');
  writeFileSync(join(dir, 'bad', 'app.yml'), GOOD);
  writeFileSync(join(dir, 'bad', 'nested', 'vs.yaml'), BAD_VS);
  writeFileSync(join(dir, 'info.yaml'), INFO_ONLY);
  writeFileSync(join(dir, 'broken.yaml'), 'kind: [unclosed\n');
  writeFileSync(join(dir, 'mesh.yaml'), 'defaultConfig: {image: {imageType: distroless}}\n');
  writeFileSync(join(dir, 'mesh-bad.yaml'), '- not a mapping\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('meshlens validate', () => {
  it('exits 0 and says so when a folder is clean (ignoring non-YAML files)', async () => {
    const r = await cli('ok');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/No validation issues found when analyzing 2 objects/);
  });

  it('exits 0 when only info/warning messages exist', async () => {
    const r = await cli('--format', 'json', 'info.yaml', 'ok');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).messages.map((m: { code: string }) => m.code)).toEqual(['IST0118']);
  });

  it('exits 1 with error-level messages, reading folders recursively, in text with file:line:column', async () => {
    const r = await cli('bad');
    expect(r.code).toBe(1);
    expect(r.out).toContain('Error [IST0101] (VirtualService bookinfo/reviews bad/nested/vs.yaml:10:9) Referenced subset not found: "v4"');
  });

  it('prints {"messages": [...]} with --format json', async () => {
    const r = await cli('--format=json', 'bad');
    expect(r.code).toBe(1);
    const body = JSON.parse(r.out) as { messages: Record<string, unknown>[] };
    expect(body.messages[0]).toMatchObject({ code: 'IST0101', level: 'Error', resource: 'VirtualService bookinfo/reviews', path: 'spec.http[0].route[0].destination.subset', line: 10, column: 9, aliases: ['KIA1107'] });
  });

  it('prints SARIF 2.1.0 with rules and locations', async () => {
    const r = await cli('--format', 'sarif', 'bad');
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.out);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.rules[0]).toMatchObject({ id: 'IST0101', name: 'ReferencedResourceNotFound' });
    expect(run.results[0]).toMatchObject({
      ruleId: 'IST0101',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'bad/nested/vs.yaml' }, region: { startLine: 10, startColumn: 9 } } }],
    });
  });

  it('accepts --mesh-config and --istio-namespace', async () => {
    expect((await cli('--mesh-config', 'mesh.yaml', '--istio-namespace', 'istio-control', 'ok')).code).toBe(0);
  });

  it.each([
    [['nothere.yaml'], /nothere.yaml: no such file or folder/],
    [[], /no PATH given/],
    [['--format', 'xml', 'ok'], /unknown format "xml"/],
    [['--bogus', 'ok'], /unknown flag --bogus/],
    [['--mesh-config'], /--mesh-config needs a value/],
    [['broken.yaml'], /broken.yaml:\d+:\d+: YAML syntax error/],
    [['--mesh-config', 'mesh-bad.yaml', 'ok'], /not a MeshConfig/],
  ])('exits 2 on unusable input %j', async (argv, re) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(re);
    expect(r.out).toBe('');
  });

  it('reads standard input for -', async () => {
    let out = '';
    const code = await runValidate(['-o', 'json', '-'], { stdout: (s) => (out += s), stderr: () => undefined, cwd: dir, stdin: () => Promise.resolve(BAD_VS) });
    expect(code).toBe(1);
    expect(JSON.parse(out).messages).toContainEqual(expect.objectContaining({ code: 'IST0101', file: '<stdin>', line: 10, path: 'spec.http[0].route[0].destination.subset' }));
  });

  it('prints usage with --help', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: meshlens validate/);
  });
});
