import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Tracer } from '@opentelemetry/api';
import type { TracedWorkload } from './types';

/**
 * One OpenTelemetry TracerProvider per OTLP workload (its own `service.name`, as a real proxy or
 * app would have), each exporting OTLP/protobuf to the receiver in batches.
 */
export class OtelWorkloads {
  private readonly providers = new Map<string, { provider: BasicTracerProvider; tracer: Tracer }>();

  constructor(private readonly url: string) {}

  tracer(w: TracedWorkload): Tracer {
    const key = `${w.namespace}/${w.name}`;
    let entry = this.providers.get(key);
    if (!entry) {
      const provider = new BasicTracerProvider({
        resource: resourceFromAttributes({
          'service.name': `${w.app}.${w.namespace}`,
          'service.version': w.version ?? 'latest',
          'service.namespace': w.namespace,
          'k8s.namespace.name': w.namespace,
          'k8s.pod.name': `${w.name}-demo`,
          'istio.canonical_service': w.app,
        }),
        spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: this.url, timeoutMillis: 5000 }), { scheduledDelayMillis: 1000, maxExportBatchSize: 256 })],
      });
      entry = { provider, tracer: provider.getTracer('meshlens-demo-sidecar', '1.0.0') };
      this.providers.set(key, entry);
    }
    return entry.tracer;
  }

  async flush(): Promise<void> {
    await Promise.all([...this.providers.values()].map((p) => p.provider.forceFlush().catch(() => undefined)));
  }

  async shutdown(): Promise<void> {
    await Promise.all([...this.providers.values()].map((p) => p.provider.shutdown().catch(() => undefined)));
    this.providers.clear();
  }
}
