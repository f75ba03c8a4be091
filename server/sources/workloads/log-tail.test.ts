import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tailLog } from './log-tail';

describe('tailLog (kubelet-style files: file.1 then file)', () => {
  let dir: string;
  let file: string;
  const line = (i: number) => `2026-12-04T20:00:${String(i).padStart(2, '0')}.000Z line ${i}`;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'meshlens-tail-'));
    file = path.join(dir, 'istio-proxy.log');
    await writeFile(`${file}.1`, [0, 1, 2, 3, 4].map(line).join('\n') + '\n');
    await writeFile(file, [5, 6, 7, 8, 9].map(line).join('\n') + '\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads across the rotated file, oldest first, newest maxLines', async () => {
    expect(await tailLog(file, { maxBytes: 1 << 20, maxLines: 100 })).toEqual({ lines: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(line), truncated: false });
    expect(await tailLog(file, { maxBytes: 1 << 20, maxLines: 3 })).toEqual({ lines: [7, 8, 9].map(line), truncated: true });
  });

  it('reads at most maxBytes and drops the cut first line', async () => {
    const r = await tailLog(file, { maxBytes: 70, maxLines: 100 });
    expect(r?.truncated).toBe(true);
    expect(r?.lines).toEqual([8, 9].map(line));
  });

  it('keeps lines at or after sinceMs', async () => {
    const r = await tailLog(file, { maxBytes: 1 << 20, maxLines: 100, sinceMs: Date.parse('2026-12-04T20:00:03.000Z') });
    expect(r?.lines).toEqual([3, 4, 5, 6, 7, 8, 9].map(line));
  });

  it('is undefined for a container that never wrote', async () => {
    expect(await tailLog(path.join(dir, 'nope.log'), { maxBytes: 100, maxLines: 10 })).toBeUndefined();
  });
});
