import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../config';

export const SESSION_KEY_BYTES = 32;

/**
 * The session-cookie key: read from `file` (base64 of 32 bytes, e.g. a mounted Secret), or generated there with
 * mode 0600 at first start. There is deliberately no built-in default: a shared default key would let anyone mint
 * sessions. Problems are ConfigErrors (one line, exit 2).
 */
export async function loadOrCreateSessionKey(file: string): Promise<{ key: Buffer; created: boolean }> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new ConfigError(`cannot read the session key ${file}: ${(err as Error).message}`);
  }
  if (text !== undefined) {
    const key = Buffer.from(text.trim(), 'base64');
    if (key.length !== SESSION_KEY_BYTES) {
      throw new ConfigError(`the session key ${file} must hold ${SESSION_KEY_BYTES} random bytes in base64 (make one with: head -c32 /dev/urandom | base64)`);
    }
    return { key, created: false };
  }
  const key = randomBytes(SESSION_KEY_BYTES);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    // 'wx': two processes starting together must not overwrite each other's key.
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSessionKey(file);
    throw new ConfigError(`cannot create the session key ${file}: ${(err as Error).message} (set --session-key-file or MESHLENS_SESSION_KEY_FILE)`);
  }
  return { key, created: true };
}
