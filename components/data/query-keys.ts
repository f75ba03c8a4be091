/**
 * The one place query keys are made. Keys are arrays from general to specific so
 * `invalidateQueries({queryKey: queryKeys.graph.all})` hits every graph variant.
 */
export const queryKeys = {
  health: () => ['health'] as const,
  namespaces: () => ['namespaces'] as const,
  overview: () => ['overview'] as const,
  scrapeTargets: () => ['metrics', 'targets'] as const,
  /** lib/traffic's figures (service, graph item, overview): one derivation, every page. */
  traffic: {
    all: ['traffic'] as const,
    figures: (path: string) => ['traffic', path] as const,
  },
  graph: {
    all: ['graph'] as const,
    view: (params: Record<string, string | boolean | undefined>) => ['graph', 'view', params] as const,
    elementMetrics: (params: Record<string, string | undefined>) => ['graph', 'element-metrics', params] as const,
  },
} as const;
