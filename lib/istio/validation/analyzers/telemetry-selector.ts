import type { Analyzer } from '../analyzer';
import { dig, rec } from '../read';
import { checkSelectorless, checkSelectors } from '../selector-conflicts';
import { GK } from '../snapshot';

/** Telemetry selectors must match pods in their namespace (IST0101) and not overlap (IST0159). */
export const telemetrySelectorAnalyzer: Analyzer = {
  name: 'telemetry.SelectorAnalyzer',
  description: 'Telemetry selectors match pods without overlap',
  run(ctx) {
    checkSelectors(ctx, { gk: GK.Telemetry, selectorPath: ['spec', 'selector', 'matchLabels'], conflict: 'ConflictingTelemetryWorkloadSelectors' });
  },
};

/** At most one selector-less Telemetry per namespace (IST0160); the root namespace's is the mesh default. */
export const telemetryDefaultSelectorAnalyzer: Analyzer = {
  name: 'telemetry.DefaultSelectorAnalyzer',
  description: 'At most one namespace-wide Telemetry per namespace',
  run(ctx) {
    const hasSelector = (o: { object: { spec?: unknown } }) => rec(dig(o.object.spec, 'selector')) !== undefined || dig(o.object.spec, 'targetRefs') !== undefined || dig(o.object.spec, 'targetRef') !== undefined;
    checkSelectorless(ctx, GK.Telemetry, hasSelector, 'MultipleTelemetriesWithoutWorkloadSelectors');
  },
};
