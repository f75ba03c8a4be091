import type { Analyzer } from '../analyzer';
import { arr, dig } from '../read';
import { GK, nsOf } from '../snapshot';

/**
 * Without default access-log providers in MeshConfig, an enabled accessLogging entry that names no provider
 * does nothing (IST0157).
 */
export const telemetryProviderAnalyzer: Analyzer = {
  name: 'telemetry.ProviderAnalyzer',
  description: 'Telemetry access logging names a provider',
  run(ctx) {
    if (arr(dig(ctx.meshConfig, 'defaultProviders', 'accessLogging')).length > 0) return;
    for (const t of ctx.snapshot.of(GK.Telemetry)) {
      arr(dig(t.object.spec, 'accessLogging')).forEach((l, i) => {
        if (dig(l, 'disabled') === true) return;
        if (arr(dig(l, 'providers')).length === 0) ctx.report('InvalidTelemetryProvider', t, ['spec', 'accessLogging', i], [t.object.metadata.name, nsOf(t)]);
      });
    }
  },
};
