import type { Analyzer } from '../analyzer';
import { arr, dig, rec, str } from '../read';
import { GK } from '../snapshot';

/** Telemetry tracing through a Lightstep extension provider, which Istio deprecated for OpenTelemetry (IST0002). */
export const telemetryLightstepAnalyzer: Analyzer = {
  name: 'telemetry.LightstepAnalyzer',
  description: 'Telemetry uses the deprecated Lightstep provider',
  run(ctx) {
    const lightstep = new Set(arr(ctx.meshConfig.extensionProviders).flatMap((p) => (rec(dig(p, 'lightstep')) && str(dig(p, 'name')) ? [str(dig(p, 'name')) as string] : [])));
    if (lightstep.size === 0) return;
    for (const t of ctx.snapshot.of(GK.Telemetry)) {
      arr(dig(t.object.spec, 'tracing')).forEach((tr, i) => {
        arr(dig(tr, 'providers')).forEach((p, j) => {
          const name = str(dig(p, 'name'));
          if (name && lightstep.has(name)) {
            ctx.report('Deprecated', t, ['spec', 'tracing', i, 'providers', j, 'name'], [`The Lightstep provider ${name} is deprecated, please migrate to OpenTelemetry provider.`]);
          }
        });
      });
    }
  },
};
