import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { YAML_LIMITS } from '../../../lib/limits/yaml';
import { FileConfigStore } from './file-store';
import { rewriteDocument } from './file-writes';
import { StoreError } from './store';

const log = pino({ level: 'silent' });
const vs = (name: string, host = name) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: ${name}\n  namespace: bookinfo\nspec:\n  hosts: [${host}]\n`;
const obj = (name: string, host: string) => ({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name, namespace: 'bookinfo' }, spec: { hosts: [host] } });

describe('file writes', () => {
  const dirs: string[] = [];
  const tmp = async () => {
    const d = await mkdtemp(path.join(os.tmpdir(), 'meshlens-writes-'));
    dirs.push(d);
    return d;
  };
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('rewrites one document of a file whose sibling is broken, keeping the sibling and comments byte for byte', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'f.yaml');
    const broken = '---\n# half typed\nkind: VirtualService\nmetadata: {name: broken\n';
    const text = `# file header\n${vs('a')}# trailing note\n${broken}---\n${vs('c')}`;
    await writeFile(file, text);
    const r = await rewriteDocument(file, 'VirtualService', 'bookinfo', 'a', obj('a', 'changed') as never, YAML_LIMITS);
    expect(r).toEqual({ previous: text });
    const after = await readFile(file, 'utf8');
    expect(after).toContain('# file header\n');
    expect(after).toContain('hosts:\n    - changed');
    expect(after).toContain(broken);
    expect(after.endsWith(`---\n${vs('c')}`)).toBe(true);
    // Removing the last good document leaves the broken one exactly as it was.
    await rewriteDocument(file, 'VirtualService', 'bookinfo', 'c', undefined, YAML_LIMITS);
    expect(await readFile(file, 'utf8')).toContain(broken);
  });

  it('refuses to rewrite a file past the YAML bounds instead of composing it', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'f.yaml');
    await writeFile(file, `${vs('a')}  deep: ${'['.repeat(500)}${']'.repeat(500)}\n`);
    await expect(rewriteDocument(file, 'VirtualService', 'bookinfo', 'a', undefined, YAML_LIMITS)).rejects.toBeInstanceOf(StoreError);
  });

  it('cleans temp files left by an interrupted write when it opens, and never creates over a foreign file', async () => {
    const dir = await tmp();
    await mkdir(path.join(dir, 'bookinfo'));
    await writeFile(path.join(dir, 'bookinfo', '.virtualservice-x.yaml.0badcafe.tmp'), 'half');
    // A hand-written file that happens to have the name a new object would get.
    await writeFile(path.join(dir, 'bookinfo', 'virtualservice-x.yaml'), `# mine\n${vs('other')}`);
    const store = await FileConfigStore.open({ dir, log, pollMs: 60_000 });
    try {
      expect(await readdir(path.join(dir, 'bookinfo'))).toEqual(['virtualservice-x.yaml']);
      await store.create(obj('x', 'x') as never);
      expect((await readdir(path.join(dir, 'bookinfo'))).sort()).toEqual(['virtualservice-x-2.yaml', 'virtualservice-x.yaml']);
      expect(await readFile(path.join(dir, 'bookinfo', 'virtualservice-x.yaml'), 'utf8')).toContain('# mine');
      expect(store.get('VirtualService', 'bookinfo', 'other')).toBeDefined();
    } finally {
      await store.close();
    }
  });

  it('a write that does not load back is undone and refused: nothing is left behind', async () => {
    const dir = await tmp();
    await writeFile(path.join(dir, 'a.yaml'), vs('a'));
    let sabotage: (() => Promise<void>) | undefined;
    const store = await FileConfigStore.open({ dir, log, pollMs: 60_000, onWriteStep: (s) => (s === 'renamed' ? sabotage?.() : undefined) });
    try {
      // Something else garbles the file right after the rename (a hand edit, a sync tool): the object is gone.
      const file = path.join(dir, 'bookinfo', 'virtualservice-n.yaml');
      sabotage = () => writeFile(file, 'kind: [garbled\n');
      await expect(store.create(obj('n', 'n') as never)).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/undone/) });
      expect(await readdir(path.join(dir, 'bookinfo'))).toEqual([]);
      const before = await readFile(path.join(dir, 'a.yaml'), 'utf8');
      sabotage = () => writeFile(path.join(dir, 'a.yaml'), 'kind: [garbled\n');
      await expect(store.replace(obj('a', 'changed') as never)).rejects.toMatchObject({ code: 'invalid' });
      expect(await readFile(path.join(dir, 'a.yaml'), 'utf8')).toBe(before);
      expect(store.get('VirtualService', 'bookinfo', 'a')?.object.spec).toEqual({ hosts: ['a'] });
    } finally {
      await store.close();
    }
  });
});
