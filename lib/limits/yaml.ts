/**
 * YAML and JSON documents from people and CI (config writes, `/api/istio/validate`, `meshlens validate`, the
 * config folder). Every bound is checked on the lexer's token stream (lib/istio/bounded-yaml.ts) or by a byte
 * scan (lib/istio/bounded-json.ts) *before* a document is composed or a JSON value is built, so refusing costs at
 * most the work up to the bound, never the work the whole input would cause.
 */
export interface YamlLimits {
  /** Bytes of one request body or input file (`/api/istio/validate`, `meshlens validate`, files in the config folder). */
  maxBytes: number;
  /** Bytes of one object sent to a config write (POST/PUT/PATCH), JSON or YAML. */
  maxObjectBytes: number;
  /** YAML documents (`---`) in one input. */
  maxDocuments: number;
  /** Nesting of mappings and sequences (YAML or JSON); a Kubernetes object rarely passes 20. */
  maxDepth: number;
  /** Keys in one mapping (JSON object); ConfigMap data and label sets stay far below. */
  maxKeysPerMapping: number;
  /**
   * Nodes (keys, values, items, collections) in one input, summed over its documents. Composing costs a few µs per
   * node, so this bounds the event-loop time one input can take: 20k nodes ≈ 200 KB of typical YAML, ~0.35 s to
   * parse and validate on an idle core (several times that on a loaded one). Raise it for big GitOps bundles.
   */
  maxNodes: number;
  /**
   * Alias nodes (`*name`) in one input, and `yaml`'s own `maxAliasCount` when converting (which also bounds
   * expansion: aliases of aliases). Kubernetes YAML seldom uses aliases at all.
   */
  maxAliases: number;
}

export const YAML_LIMITS: YamlLimits = {
  maxBytes: 4 * 1024 * 1024,
  maxObjectBytes: 512 * 1024,
  maxDocuments: 2000,
  maxDepth: 64,
  maxKeysPerMapping: 1000,
  maxNodes: 20_000,
  maxAliases: 100,
};
