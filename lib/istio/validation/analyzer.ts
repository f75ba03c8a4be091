import type { AnalysisContext } from './context';

/** One rule. `name` is istioctl analyze's analyzer name (e.g. `virtualservice.GatewayAnalyzer`) or `kiali.<checker>`. */
export interface Analyzer {
  name: string;
  /** One line: what it checks. */
  description: string;
  run(ctx: AnalysisContext): void;
}
