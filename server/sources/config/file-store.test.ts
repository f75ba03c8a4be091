import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { FileConfigStore } from './file-store';
import { parseDocuments } from './parse-documents';

const log = pino({ level: 'silent' });
const vs = (name: string, host = name) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: ${name}\n  namespace: bookinfo\nspec:\n  hosts: [${host}]\n`;

async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('parseDocuments', () => {
  it('reads multi-document YAML and Lists with their lines, and names bad documents', () => {
    const text = `${vs('a')}---\n${vs('b')}---\nkind: Service\nmetadata: {name: c}\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Service, metadata: {name: d, namespace: x}}\n---\n`;
    const { objects, errors } = parseDocuments('f.yaml', text);
    expect(objects.map((o) => o.object.metadata.name)).toEqual(['a', 'b', 'd']);
    expect(objects[1]?.line).toBe(9);
    expect(errors).toEqual([{ file: 'f.yaml', message: 'document 3: missing apiVersion', line: 17 }]);
  });

  it.each([
    ['[1, 2]', /not a mapping/],
    ['apiVersion: v1\nkind: X\n', /missing metadata/],
    ['apiVersion: v1\nkind: X\nmetadata: {namespace: 3, name: n}\n', /namespace must be a string/],
    ['a: 1\na: 2\n', /document 1: /],
    ['{ unclosed', /document 1: /],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: n, namespace: /etc}\n', /not a valid namespace name/],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: "a\\0b", namespace: x}\n', /not a valid object name/],
  ])('reports %j', (text, message) => {
    const { objects, errors } = parseDocuments('f.yaml', text);
    expect(objects).toHaveLength(0);
    expect(errors[0]?.message).toMatch(message);
  });
});

describe('FileConfigStore', () => {
  const dirs: string[] = [];
  const stores: FileConfigStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  const open = async (seedFrom?: string) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'meshlens-store-'));
    dirs.push(dir);
    const s = await FileConfigStore.open({ dir, log, pollMs: 200, ...(seedFrom ? { seedFrom } : {}) });
    stores.push(s);
    return { dir, s };
  };

  it('seeds an empty folder and indexes objects by kind, namespace and name', async () => {
    const seed = await mkdtemp(path.join(os.tmpdir(), 'meshlens-seed-'));
    dirs.push(seed);
    await writeFile(path.join(seed, 'vs.yaml'), vs('reviews'));
    const { dir, s } = await open(seed);
    expect(await readdir(dir)).toEqual(['vs.yaml']);
    expect(s.get('VirtualService', 'bookinfo', 'reviews')?.source).toEqual({ file: 'vs.yaml', line: 1, column: 1 });
    expect(s.list({ kinds: ['VirtualService'] })).toHaveLength(1);
    expect(s.namespaces()).toEqual(['bookinfo']);
  });

  it('picks up external edits, bumping resourceVersion only for changed objects', async () => {
    const { dir, s } = await open();
    await writeFile(path.join(dir, 'a.yaml'), `${vs('a')}---\n${vs('b')}`);
    await s.reload();
    const rvA = s.get('VirtualService', 'bookinfo', 'a')?.resourceVersion;
    const rvB = s.get('VirtualService', 'bookinfo', 'b')?.resourceVersion;
    const changes: string[] = [];
    s.subscribe((c) => changes.push(...c.changed.map((x) => `${x.type}:${x.name}`)));
    await mkdir(path.join(dir, 'sub'));
    await writeFile(path.join(dir, 'a.yaml'), `${vs('a', 'other')}---\n${vs('b')}`);
    await waitFor(() => changes.length > 0);
    expect(changes).toEqual(['modified:a']);
    expect(s.get('VirtualService', 'bookinfo', 'a')?.resourceVersion).not.toBe(rvA);
    expect(s.get('VirtualService', 'bookinfo', 'b')?.resourceVersion).toBe(rvB);
    await writeFile(path.join(dir, 'sub', 'c.yml'), vs('c'));
    await waitFor(() => changes.includes('added:c'));
    await rm(path.join(dir, 'sub', 'c.yml'));
    await waitFor(() => changes.includes('deleted:c'));
  });

  it('reports a malformed file and a duplicate object, and keeps the rest', async () => {
    const { dir, s } = await open();
    await writeFile(path.join(dir, 'good.yaml'), vs('a'));
    await writeFile(path.join(dir, 'bad.yaml'), 'apiVersion: v1\nkind: [\n');
    await writeFile(path.join(dir, 'dup.yaml'), vs('a'));
    await writeFile(path.join(dir, '.hidden.yaml.tmp'), 'garbage: [');
    await s.reload();
    expect(s.get('VirtualService', 'bookinfo', 'a')?.source?.file).toBe('dup.yaml');
    const files = s.errors().map((e) => e.file).sort();
    expect(files).toEqual(['bad.yaml', 'good.yaml']);
    expect(s.errors().find((e) => e.file === 'good.yaml')?.message).toMatch(/also defined in dup.yaml/);
  });

  it('refuses an oversized file without reading it', async () => {
    const { dir, s } = await open();
    await writeFile(path.join(dir, 'huge.yaml'), `# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    await s.reload();
    expect(s.errors()[0]?.message).toMatch(/over the .*-byte limit/);
  });
});
