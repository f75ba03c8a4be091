import { readOnlyStore } from '../../config/store';
/** A Core for tests of the graph room: silent log, own registry, an in-memory config reader. */
import pino from 'pino';
import { Registry } from 'prom-client';
import type { K8sObject } from '../../../../lib/istio/types';
import type { Config } from '../../../config';
import type { Core } from '../../../core';
import type { MeshConfigReader } from '../../config/store';

export function staticConfigReader(objects: K8sObject[] = []): MeshConfigReader {
  return {
    version: 1,
    list: (filter) =>
      objects
        .filter((o) => !filter?.kinds || filter.kinds.includes(o.kind))
        .filter((o) => !filter?.namespaces || filter.namespaces.includes(o.metadata.namespace ?? ''))
        .map((object, i) => ({ object, resourceVersion: String(i + 1) })),
    get: (kind, namespace, name) => {
      const object = objects.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name);
      return object ? { object, resourceVersion: '1' } : undefined;
    },
    errors: () => [],
    subscribe: () => () => undefined,
    namespaces: () => [...new Set(objects.map((o) => o.metadata.namespace).filter((n): n is string => Boolean(n)))],
  };
}

export function testCore(overrides: Partial<Config> = {}, now: () => number = () => Date.now(), objects: K8sObject[] = []): Core {
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    demo: false,
    scrapeTargets: [],
    scrapeIntervalMs: 3_600_000,
    configDir: '/nonexistent',
    inCluster: false,
    dataDir: '/nonexistent',
    logLevel: 'silent',
    demoRps: 0,
    dev: false,
    ...overrides,
  };
  return { config, log: pino({ level: 'silent' }), registry: new Registry(), configStore: readOnlyStore(staticConfigReader(objects)), baseUrl: 'http://127.0.0.1:0', now };
}
