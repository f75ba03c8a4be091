/** YAML and JSON documents from people and CI (config writes, `/api/istio/validate`, `meshlens validate`). */
export interface YamlLimits {
  /** Bytes of one request body or input file. */
  maxBytes: number;
}

export const YAML_LIMITS: YamlLimits = {
  maxBytes: 4 * 1024 * 1024,
};
