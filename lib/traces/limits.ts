import type { SpanLimits, TagValue } from './model';

/**
 * Collects tags for one span while enforcing the size caps. Oversized keys and values are
 * truncated (the span is still worth keeping) and each truncation leaves a warning on the span.
 */
export class TagCollector {
  readonly tags: Record<string, TagValue> = {};
  private count = 0;
  private dropped = 0;

  constructor(
    private readonly limits: SpanLimits,
    private readonly warnings: string[],
  ) {}

  /** Adds one tag; returns false when the per-span cap dropped it. */
  add(key: string, value: TagValue): boolean {
    if (this.count >= this.limits.maxTagsPerSpan && !(key in this.tags)) {
      this.dropped++;
      return false;
    }
    const k = clip(key, this.limits.maxTagKeyChars, this.warnings, 'tag key');
    let v = value;
    if (typeof v === 'string') v = clip(v, this.limits.maxTagValueChars, this.warnings, `tag ${JSON.stringify(k)}`);
    if (!(k in this.tags)) this.count++;
    this.tags[k] = v;
    return true;
  }

  /** Call once when done: reports how many tags the cap dropped. */
  finish(): Record<string, TagValue> {
    if (this.dropped > 0) this.warnings.push(`${this.dropped} tags dropped: more than ${this.limits.maxTagsPerSpan} on one span`);
    return this.tags;
  }
}

/** Truncates text longer than `max` chars, noting it in `warnings`. */
export function clip(text: string, max: number, warnings: string[], what: string): string {
  if (text.length <= max) return text;
  warnings.push(`${what} truncated from ${text.length} to ${max} chars`);
  return text.slice(0, max);
}

/** A float or integer tag value: integers stay numbers, NaN/Infinity become strings (JSON cannot hold them). */
export function numberTag(n: number): TagValue {
  return Number.isFinite(n) ? n : String(n);
}
