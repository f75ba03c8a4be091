import type { AnalysisContext } from './context';

/** One rule. `name` is istioctl analyze's analyzer name (e.g. `virtualservice.GatewayAnalyzer`) or `kiali.<checker>`. */
export interface Analyzer {
  name: string;
  /** One line: what it checks. */
  description: string;
  /** Not run unless asked for by name (too noisy for a default run, as istioctl does with alpha annotations). */
  optIn?: boolean;
  run(ctx: AnalysisContext): void;
}
