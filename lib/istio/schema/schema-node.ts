/**
 * A compact form of a CRD's OpenAPI v3 schema, generated from Istio's CRDs (scripts/generate-istio-schemas.ts).
 * Short keys keep the generated module small.
 */
export interface SchemaNode {
  /** Type: object, array, string, integer, number, boolean. Absent means any. */
  t?: 'o' | 'a' | 's' | 'i' | 'n' | 'b';
  /** Known properties of an object. */
  p?: Record<string, SchemaNode>;
  /** Array items. */
  i?: SchemaNode;
  /** Map values (additionalProperties). */
  m?: SchemaNode;
  /** Allowed values. */
  e?: (string | number)[];
  /** Required properties. */
  r?: string[];
  min?: number;
  max?: number;
  /** String length bounds. */
  nl?: number;
  xl?: number;
  /** Pattern (RE2 syntax; checked where JavaScript accepts it). */
  pt?: string;
  /** Array length bounds. */
  ni?: number;
  xi?: number;
  /** Property count bounds. */
  np?: number;
  xp?: number;
  /** List of unique items: map keys (x-kubernetes-list-type: map), or [] for a set. */
  lk?: string[];
  /** nullable: null is a value, not a missing field. */
  nu?: 1;
  /** CEL validation rules (x-kubernetes-validations): normalized rule text and message. */
  v?: { r: string; m: string }[];
  /** On a spec node: the object must have a spec. */
  req?: 1;
  /** x-kubernetes-preserve-unknown-fields: any extra fields allowed. */
  x?: 1;
  /** x-kubernetes-int-or-string. */
  is?: 1;
  /** Groups of fields of which at most one may be set. */
  one?: string[][];
}
