import type { Analyzer } from './analyzer';
import { caCertificateAnalyzer } from './analyzers/ca-certificate';

/**
 * Every analyzer, by istioctl analyzer name (or `kiali.<checker>` for Kiali-only rules). Conformance selects one
 * by name per case; `validate` runs them all by default.
 */
export const ANALYZERS: readonly Analyzer[] = [caCertificateAnalyzer];
