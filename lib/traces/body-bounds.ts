/** The bounds a span body is pre-scanned against before it is parsed (fields of lib/limits/ingest). */
export interface BodyBounds {
  maxSpansPerRequest: number;
  maxValuesPerRequest: number;
  maxDepth: number;
}

/** What a pre-scan found: counts, or why the body is refused before parsing. */
export type ScanResult =
  | { ok: true; spans: number; values: number }
  /** `tooLarge`: a count is over its limit (413); otherwise the body is malformed (400). */
  | { ok: false; tooLarge: boolean; message: string };

export const refusedTooLarge = (message: string): ScanResult => ({ ok: false, tooLarge: true, message });
export const refusedMalformed = (message: string): ScanResult => ({ ok: false, tooLarge: false, message });
