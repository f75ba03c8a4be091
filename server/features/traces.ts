import path from 'node:path';
import type { Core, Feature, FeatureHandle } from '../core';
import { TraceStore, type TraceStoreOptions } from '../stores/traces/trace-store';
import { EmbeddedTraceSource } from '../sources/traces/embedded-source';
import { JaegerTraceSource } from '../sources/traces/jaeger-source';
import type { TraceSource } from '../sources/traces/source';
import { registerIngestMetrics } from './traces/metrics';
import { queryRoutes } from './traces/query-routes';
import { INGEST_LIMITS } from '../../lib/limits/ingest';
import { receiverLimits, receiverRoutes, type ReceiverLimits } from './traces/receivers';

const RETENTION_EVERY_MS = 60_000;

export interface TracesOptions {
  store?: TraceStoreOptions;
  limits?: Partial<ReceiverLimits>;
  /** Replaces the query source (tests). */
  source?: TraceSource;
}

/**
 * Starts the traces room: the embedded store under `<dataDir>/traces`, the Zipkin and OTLP
 * receivers, and the Jaeger query API — read from `jaegerUrl` when configured, else the store.
 */
export async function startTraces(core: Core, opts: TracesOptions = {}): Promise<FeatureHandle & { store: TraceStore }> {
  // config.limits.ingest (--limits ingest.name=value), then any test overrides.
  const limits: ReceiverLimits = { ...receiverLimits(core.config.limits?.ingest ?? INGEST_LIMITS), ...opts.limits };
  const store = new TraceStore(path.join(core.config.dataDir, 'traces'), { maxSpansPerTrace: limits.maxSpansPerTrace, ...opts.store });
  const source: TraceSource = opts.source ?? (core.config.jaegerUrl ? new JaegerTraceSource(core.config.jaegerUrl) : new EmbeddedTraceSource(store));
  const log = core.log.child({ feature: 'traces' });
  const metrics = registerIngestMetrics(core.registry, () => store.pendingSpans, () => store.sizeBytes());

  const retention = setInterval(() => {
    try {
      const n = store.enforceRetention(core.now());
      if (n) log.info({ deleted: n }, 'trace retention deleted old spans');
    } catch (err) {
      log.error({ err }, 'trace retention failed');
    }
  }, RETENTION_EVERY_MS);
  retention.unref();

  log.info({ file: store.file, source: source.kind }, 'traces ready');
  return {
    store,
    routes: [...receiverRoutes({ append: (s, o) => store.append(s, o), metrics, log, limits, now: () => core.now() }), ...queryRoutes(source, () => core.now())],
    async stop() {
      clearInterval(retention);
      store.close();
    },
    status: () => ({ source: source.kind, pendingSpans: store.pendingSpans }),
  };
}

/** The traces feature for main.ts. */
export const tracesFeature: Feature = {
  name: 'traces',
  start: (core) => startTraces(core),
};
