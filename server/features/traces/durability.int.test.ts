import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TraceStore } from '../../stores/traces/trace-store';

const child = fileURLToPath(new URL('./testing/child-receiver.ts', import.meta.url));

describe('restart durability', () => {
  it('keeps every span acknowledged with 2xx when the process is SIGKILLed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'traces-crash-'));
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: proc.stdout! }).once('line', resolve);
        proc.once('exit', (code) => reject(new Error(`child exited ${code}`)));
      });
      const acked: string[] = [];
      // Many concurrent batches so group commits are in flight when the kill lands.
      await Promise.all(
        Array.from({ length: 40 }, async (_, b) => {
          const traceId = (0xabc0000 + b).toString(16).padStart(16, '0');
          const spans = Array.from({ length: 50 }, (_, i) => ({
            traceId,
            id: (i + 1).toString(16).padStart(16, '0'),
            name: `op${i}`,
            kind: 'SERVER',
            timestamp: 1_700_000_000_000_000 + i,
            duration: 10,
            localEndpoint: { serviceName: 'crash.test' },
          }));
          const res = await fetch(`${url}/api/v2/spans`, { method: 'POST', body: JSON.stringify(spans), headers: { 'content-type': 'application/json' } });
          if (res.status === 202) acked.push(traceId);
        }),
      );
      proc.kill('SIGKILL');
      await new Promise((r) => proc.once('exit', r));
      expect(acked).toHaveLength(40);
      const store = new TraceStore(path.join(dir, 'traces'));
      try {
        for (const id of acked) expect(store.getTrace(id.padStart(32, '0'))).toHaveLength(50);
      } finally {
        store.close();
      }
    } finally {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
