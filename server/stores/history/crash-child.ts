/**
 * A child process for the crash test (crash.int.test.ts): makes one config write through the real write path
 * (`writeChange`: journal intent, store write, journal done) and kills itself with SIGKILL at the step it is told,
 * as a power cut or `kill -9` would stop the server. Usage: crash-child.ts <configDir> <dataDir> <step>.
 */
import pino from 'pino';
import { writeChange, type WriteDeps } from '../../features/istio-config/routes';
import { StoreValidation } from '../../features/istio-config/validation';
import type { Core } from '../../core';
import type { ApiRequest } from '../../http/router';
import { FileConfigStore } from '../../sources/config/file-store';
import type { VirtualService } from '../../../lib/istio/types';
import { ConfigHistory } from './journal';

export type CrashStep = 'after-intent' | 'temp-written' | 'renamed' | 'after-done';

const [configDir = '', dataDir = '', step = 'after-done'] = process.argv.slice(2) as [string, string, CrashStep];
const die = () => process.kill(process.pid, 'SIGKILL');

const log = pino({ level: 'silent' });
const store = await FileConfigStore.open({ dir: configDir, log, pollMs: 60_000, onWriteStep: (s) => s === step && die() });
const history = await ConfigHistory.open(dataDir);
if (step === 'after-intent') {
  const begin = history.begin.bind(history);
  history.begin = async (...args) => {
    await begin(...args);
    return die() as never;
  };
}
const core = { configStore: store, log, now: () => Date.now() } as unknown as Core;
const deps: WriteDeps = { core, history, validation: new StoreValidation(store, () => Date.now()) };
const before = store.get('VirtualService', 'bookinfo', 'reviews');
if (!before) throw new Error('the demo config has no VirtualService bookinfo/reviews');
const next = structuredClone(before.object) as VirtualService;
next.metadata.labels = { ...next.metadata.labels, crashed: 'maybe' };
await writeChange(deps, { headers: {} } as ApiRequest, { action: 'replace', key: { kind: 'VirtualService', namespace: 'bookinfo', name: 'reviews' }, before, next, expectedVersion: before.resourceVersion });
if (step === 'after-done') die();
