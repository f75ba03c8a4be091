import type { SpanLimits, TagValue, TimeWindow } from './model';

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

// C0 controls and DEL: a NUL in a service name would be stored, indexed and shown as part of the name.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** Replaces control characters (NUL...) in a name with U+FFFD, noting it in `warnings`. */
export function cleanName(text: string, warnings: string[], what: string): string {
  CONTROL.lastIndex = 0;
  if (!CONTROL.test(text)) return text;
  warnings.push(`${what} had control characters, replaced with U+FFFD`);
  return text.replace(CONTROL, '\ufffd');
}

const iso = (usSinceEpoch: number) => (Math.abs(usSinceEpoch) < 8.64e18 ? new Date(Math.floor(usSinceEpoch / 1000)).toISOString() : String(usSinceEpoch));

/**
 * Why a span starting at `startUs` and lasting `durationUs` falls outside `window`, or undefined when it fits.
 * Both are µs; non-integers and numbers past 2^53 are refused too (1e308 would be stored as a float).
 */
export function outsideWindow(startUs: number, durationUs: number, window: TimeWindow): string | undefined {
  if (!Number.isSafeInteger(startUs) || startUs < window.minUs) return `start ${iso(startUs)} is before ${iso(window.minUs)}`;
  if (!Number.isSafeInteger(durationUs) || durationUs < 0) return `duration ${durationUs} µs is not a whole non-negative number`;
  if (startUs > window.maxUs) return `start ${iso(startUs)} is in the future (after ${iso(window.maxUs)})`;
  if (startUs + durationUs > window.maxUs) return `end ${iso(startUs + durationUs)} is in the future (after ${iso(window.maxUs)})`;
  return undefined;
}
