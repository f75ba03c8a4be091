import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/meshlens', import.meta.url));

function serve(args: string[]) {
  // A clean environment: no MESHLENS_* from the developer's shell may choose for the test.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MESHLENS_') && k !== 'PORT')) as NodeJS.ProcessEnv;
  return spawnSync(process.execPath, [BIN, 'serve', ...args], { env, encoding: 'utf8', timeout: 60_000 });
}

describe('meshlens serve off loopback', () => {
  it('refuses to start without an authentication choice: one clear line, exit 2', () => {
    const r = serve(['--host', '0.0.0.0', '--port', '0', '--no-demo']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('meshlens: binding to 0.0.0.0 exposes Meshlens beyond this machine, so choose how people sign in: --auth token|header|anonymous (or MESHLENS_AUTH)');
    expect(r.stdout).toBe('');
  });

  it('refuses an unknown strategy the same way', () => {
    const r = serve(['--host', '0.0.0.0', '--auth', 'none']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--auth: expected anonymous, token or header/);
  });
});
