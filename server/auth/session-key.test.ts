import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../config';
import { loadOrCreateSessionKey } from './session-key';

const dirs: string[] = [];
const tmp = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'meshlens-key-'));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('session key', () => {
  it('is generated on a fresh data dir, random, 0600, and reused afterwards', async () => {
    const [a, b] = [path.join(await tmp(), 'data', 'session.key'), path.join(await tmp(), 'session.key')];
    const first = await loadOrCreateSessionKey(a);
    expect(first.created).toBe(true);
    expect(first.key).toHaveLength(32);
    expect((await stat(a)).mode & 0o777).toBe(0o600);
    expect((await loadOrCreateSessionKey(b)).key.equals(first.key)).toBe(false);
    const again = await loadOrCreateSessionKey(a);
    expect(again).toMatchObject({ created: false });
    expect(again.key.equals(first.key)).toBe(true);
    expect((await readFile(a, 'utf8')).trim()).toBe(first.key.toString('base64'));
  });

  it('refuses a malformed key with a ConfigError that says how to make one', async () => {
    const f = path.join(await tmp(), 'session.key');
    await writeFile(f, 'changeme');
    await expect(loadOrCreateSessionKey(f)).rejects.toThrow(ConfigError);
    await expect(loadOrCreateSessionKey(f)).rejects.toThrow(/32 random bytes in base64/);
  });

  it('says which file it could not use', async () => {
    const blocker = path.join(await tmp(), 'file');
    await writeFile(blocker, 'x');
    await expect(loadOrCreateSessionKey(path.join(blocker, 'session.key'))).rejects.toThrow(/cannot (read|create) the session key .*file/);
  });
});
