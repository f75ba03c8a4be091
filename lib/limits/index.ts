import { HTTP_LIMITS, type HttpLimits } from './http-edge';
import { INGEST_LIMITS, type IngestLimits } from './ingest';
import { SCRAPE_LIMITS, type ScrapeLimits } from './scrape';
import { WORKLOADS_LIMITS, type WorkloadsLimits } from './workloads';
import { YAML_LIMITS, type YamlLimits } from './yaml';

export type { HttpLimits, IngestLimits, ScrapeLimits, WorkloadsLimits, YamlLimits };

/**
 * Every bound on work that input can cause, in one place: one file per area, each field documented there.
 * Operators override any of them with `--limits area.name=value,...` (or `MESHLENS_LIMITS`).
 */
export interface Limits {
  ingest: IngestLimits;
  yaml: YamlLimits;
  http: HttpLimits;
  scrape: ScrapeLimits;
  workloads: WorkloadsLimits;
}

/** A fresh copy of the defaults (callers may change their copy). */
export function defaultLimits(): Limits {
  return { ingest: { ...INGEST_LIMITS }, yaml: { ...YAML_LIMITS }, http: { ...HTTP_LIMITS }, scrape: { ...SCRAPE_LIMITS }, workloads: { ...WORKLOADS_LIMITS } };
}

/**
 * Applies `area.name=value` overrides (comma-separated) to the defaults. Unknown names and values that are not
 * non-negative finite numbers are errors; the message names the entry at fault.
 */
export function parseLimitOverrides(text: string): { limits: Limits } | { error: string } {
  const limits = defaultLimits();
  for (const entry of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z]+)\.([A-Za-z]+)=(.+)$/.exec(entry);
    if (!m) return { error: `expected area.name=value, got ${JSON.stringify(entry)}` };
    const [, area, name, raw] = m as unknown as [string, string, string, string];
    const table = (limits as unknown as Record<string, Record<string, number> | undefined>)[area];
    if (!table || !Object.prototype.hasOwnProperty.call(table, name)) return { error: `unknown limit ${JSON.stringify(`${area}.${name}`)}` };
    const value = Number(raw.replace(/_/g, ''));
    if (!Number.isFinite(value) || value < 0) return { error: `${area}.${name}: expected a non-negative number, got ${JSON.stringify(raw)}` };
    table[name] = value;
  }
  return { limits };
}
