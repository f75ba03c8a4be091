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
    const k = key.length > this.limits.maxTagKeyChars ? clip(key, this.limits.maxTagKeyChars, this.warnings, 'tag key') : key;
    const known = Object.hasOwn(this.tags, k);
    if (!known && this.count >= this.limits.maxTagsPerSpan) {
      this.dropped++;
      return false;
    }
    const v = typeof value === 'string' && value.length > this.limits.maxTagValueChars ? clip(value, this.limits.maxTagValueChars, this.warnings, `tag ${JSON.stringify(k)}`) : value;
    if (!known) this.count++;
    // A tag named __proto__ is data, not the object's prototype.
    if (k === '__proto__') Object.defineProperty(this.tags, k, { value: v, enumerable: true, writable: true, configurable: true });
    else this.tags[k] = v;
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
