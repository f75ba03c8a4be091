/**
 * Per-target scrape cache, as Prometheus keeps one: the raw series text of a line (`name{labels}` exactly as
 * the target wrote it) maps to the series it was resolved to, so a repeat scrape costs a map lookup and a float
 * parse per line instead of a label parse. Series that a scrape no longer lists are dropped from the cache and
 * reported, so the store can end them.
 */
import { labelTooLong, parseLine, parseSampleValue, type LineError } from './exposition';
import type { Labels } from './labels';

/** Why a limit refused a line or a series (the `reason` of `meshlens_scrape_limit_refusals_total`). */
export type CacheLimitReason = 'line_too_long' | 'label_too_long' | 'too_many_series';

/** Bounds on what one target may make the cache hold or parse (lib/limits/scrape.ts documents them). */
export interface ScrapeCacheLimits {
  maxLineLength: number;
  maxLabelValueLength: number;
  maxSeries: number;
}

/** Malformed lines kept with their message per scrape; a body of a million bad lines must not make a million objects. */
export const MAX_KEPT_ERRORS = 100;

const UNLIMITED: ScrapeCacheLimits = { maxLineLength: Infinity, maxLabelValueLength: Infinity, maxSeries: Infinity };

export interface IngestResult<T> {
  /** Sample lines accepted. */
  samples: number;
  /** Lines that could not be resolved to a new series (factory refused: e.g. the store is full). */
  refused: number;
  /** Malformed lines, skipped (the first {@link MAX_KEPT_ERRORS}; `errorCount` counts them all). */
  errors: LineError[];
  errorCount: number;
  /** Series first seen in this scrape. */
  created: number;
  /** Series listed by the previous scrape but not by this one. */
  removed: T[];
  /** Sample lines of metrics the cache was told not to keep. */
  skipped: number;
  /** Lines or new series refused by a limit, by reason (zero counts left out). */
  limited: Partial<Record<CacheLimitReason, number>>;
  /** The first refusal's message per reason. */
  limitMessages: Partial<Record<CacheLimitReason, string>>;
}

/** One scrape in progress: {@link ScrapeCache.begin}, then `feed` its body in pieces that end at a line end, then `finish`. */
export interface IngestSession<T> {
  readonly gen: number;
  readonly prev: Entry<T>[];
  readonly next: Entry<T>[];
  readonly result: IngestResult<T>;
  expected: number;
  lineNo: number;
}

/** One cached series (internal to the cache; exported for {@link IngestSession}'s type only). */
export interface Entry<T> {
  ref: T;
  gen: number;
  /**
   * The raw series text as `head + tail`. For a histogram bucket written with `le` last (as Envoy does),
   * `head` runs to `le="` and is shared by all buckets of the histogram; otherwise `tail` is ''.
   */
  head: string;
  tail: string;
  /** Position in the last scrape's order of series. */
  idx: number;
}

/** Splits a bucket's series text before its `le` value when `le` is the last label; undefined otherwise. */
function splitBucketKey(key: string): [string, string] | undefined {
  const j = key.lastIndexOf('le="');
  if (j < 1) return undefined;
  const before = key.charCodeAt(j - 1);
  if (before !== 44 /* , */ && before !== 123 /* { */) return undefined;
  if (key.indexOf('"', j + 4) !== key.length - 2 || key.charCodeAt(key.length - 1) !== 125) return undefined;
  return [key.slice(0, j + 4), key.slice(j + 4)];
}

/** Receives each accepted sample. `timestampMs` is set when the line carried one. */
export type SampleSink<T> = (ref: T, value: number, timestampMs: number | undefined) => void;

export class ScrapeCache<T> {
  /** Plain series by their text. */
  private readonly entries = new Map<string, Entry<T>>();
  /** Bucket series by their shared head, then by tail (`0.5"}`). */
  private readonly buckets = new Map<string, Map<string, Entry<T>>>();
  private count = 0;
  private gen = 0;
  private readonly keepMemo = new Map<string, boolean>();
  /** Entries in the order the last scrape listed them. */
  private order: Entry<T>[] = [];

  /**
   * `resolve` turns a newly seen series into the caller's reference; undefined refuses it. `keep`, when given,
   * says which metric names are worth storing at all; other lines are skipped before any lookup (and their
   * series text is never held).
   */
  constructor(
    private readonly resolve: (name: string, labels: Labels) => T | undefined,
    private readonly keep?: (name: string) => boolean,
    private readonly limits: ScrapeCacheLimits = UNLIMITED,
  ) {}

  private skips(line: string): boolean {
    if (!this.keep) return false;
    let end = line.indexOf('{');
    const sp = line.indexOf(' ');
    if (end === -1 || (sp !== -1 && sp < end)) end = sp;
    const name = end === -1 ? line : line.slice(0, end);
    let k = this.keepMemo.get(name);
    if (k === undefined) {
      k = this.keep(name);
      if (this.keepMemo.size < 10_000) this.keepMemo.set(flatCopy(name), k);
    }
    if (k) return false;
    // Only a well-formed line is skipped unread; anything odd goes through the parser and is counted.
    const close = line.lastIndexOf('}');
    const valueAt = close === -1 ? end : close + 1;
    return end !== -1 && (close === -1 || line.charCodeAt(end) === 123) && fastValue(line, valueAt) !== undefined;
  }

  get size(): number {
    return this.count;
  }

  private lookup(key: string): Entry<T> | undefined {
    const split = splitBucketKey(key);
    if (split) return this.buckets.get(split[0])?.get(split[1]);
    return this.entries.get(key);
  }

  private insert(key: string, ref: T, gen: number, idx: number): Entry<T> {
    const split = splitBucketKey(key);
    let entry: Entry<T>;
    if (split) {
      let byTail = this.buckets.get(split[0]);
      let head = split[0];
      if (byTail) {
        // Reuse the stored head so every bucket of the histogram points at one string.
        head = (byTail.values().next().value as Entry<T> | undefined)?.head ?? flatCopy(head);
      } else {
        head = flatCopy(head);
        byTail = new Map();
        this.buckets.set(head, byTail);
      }
      entry = { ref, gen, head, tail: flatCopy(split[1]), idx };
      byTail.set(entry.tail, entry);
    } else {
      entry = { ref, gen, head: flatCopy(key), tail: '', idx };
      this.entries.set(entry.head, entry);
    }
    this.count++;
    return entry;
  }

  /**
   * Parses one scrape body, calling `sink` per sample; malformed lines are counted and skipped.
   * Targets list their series in the same order every time, so each line is first compared with the series
   * that followed the previous line last time (a string prefix compare, no hashing); only on a miss is the
   * series text looked up in the map, and only for a series never seen is the line parsed.
   */
  ingest(text: string, sink: SampleSink<T>): IngestResult<T> {
    const session = this.begin();
    this.feed(session, text, sink);
    return this.finish(session);
  }

  /** Starts a scrape whose body arrives (or is ingested) in pieces. */
  begin(): IngestSession<T> {
    const result: IngestResult<T> = { samples: 0, refused: 0, errors: [], errorCount: 0, created: 0, removed: [], skipped: 0, limited: {}, limitMessages: {} };
    return { gen: ++this.gen, prev: this.order, next: [], result, expected: 0, lineNo: 0 };
  }

  private error(result: IngestResult<T>, e: LineError): void {
    if (result.errorCount++ < MAX_KEPT_ERRORS) result.errors.push(e);
  }

  private limit(result: IngestResult<T>, reason: CacheLimitReason, message: () => string): void {
    result.limited[reason] = (result.limited[reason] ?? 0) + 1;
    result.limitMessages[reason] ??= message();
  }

  /** Ingests whole lines (`text` must end at a line end, or be the body's end); see {@link ingest}. */
  feed(session: IngestSession<T>, text: string, sink: SampleSink<T>): void {
    const { gen, prev, next, result } = session;
    const { maxLineLength, maxLabelValueLength, maxSeries } = this.limits;
    let expected = session.expected;
    let lineNo = session.lineNo;
    let pos = 0;
    const n = text.length;
    while (pos < n) {
      let end = text.indexOf('\n', pos);
      if (end === -1) end = n;
      let stop = end;
      if (stop > pos && text.charCodeAt(stop - 1) === 13) stop--;
      lineNo++;
      const first = text.charCodeAt(pos);
      const lineStart = pos;
      pos = end + 1;
      if (stop - lineStart > maxLineLength) {
        const at = lineNo;
        const length = stop - lineStart;
        this.limit(result, 'line_too_long', () => `line ${at} has ${length} characters, over the ${maxLineLength} limit`);
        continue;
      }
      if (stop === lineStart || first === 35 /* # */) continue;

      let hit: Entry<T> | undefined;
      let keyEnd = -1;
      const guess = prev[expected];
      // slice + === is a memory compare; startsWith at an offset and map hashing are far slower in V8.
      if (guess !== undefined) {
        const mid = lineStart + guess.head.length;
        if (text.slice(lineStart, mid) === guess.head && (guess.tail === '' || text.slice(mid, mid + guess.tail.length) === guess.tail)) {
          const c = text.charCodeAt(mid + guess.tail.length);
          if (c === 32 || c === 9) {
            hit = guess;
            keyEnd = mid + guess.tail.length;
          }
        }
      }
      let line: string | undefined;
      if (hit === undefined) {
        line = text.slice(lineStart, stop);
        if (this.keep && this.skips(line)) {
          result.skipped++;
          continue;
        }
        // The series text ends at the last `}` (values and timestamps never contain one), or at the first
        // blank when the series has no labels.
        const close = line.lastIndexOf('}');
        let k = close + 1;
        if (close === -1) {
          k = line.indexOf(' ');
          if (k === -1) k = line.indexOf('\t');
          if (k === -1) k = line.length;
        }
        hit = this.lookup(line.slice(0, k));
        keyEnd = lineStart + k;
        // A series never seen: refused before any parse once the target holds its share.
        if (hit === undefined && next.length >= maxSeries) {
          this.limit(result, 'too_many_series', () => `the target lists more than ${maxSeries} series; the rest are skipped`);
          continue;
        }
      }
      if (hit !== undefined) {
        if (hit.gen === gen) {
          this.error(result, { line: lineNo, message: `duplicate series ${hit.head}${hit.tail}` });
          continue;
        }
        const v = fastValue(text, keyEnd, stop);
        if (v === undefined) {
          const full = parseLine(line ?? text.slice(lineStart, stop));
          this.error(result, { line: lineNo, message: typeof full === 'string' ? full : 'invalid sample' });
          continue;
        }
        expected = hit.idx + 1;
        hit.gen = gen;
        hit.idx = next.length;
        next.push(hit);
        result.samples++;
        sink(hit.ref, v.value, v.ts);
        continue;
      }

      const parsed = parseLine(line as string);
      if (parsed === undefined) continue;
      if (typeof parsed === 'string') {
        this.error(result, { line: lineNo, message: parsed });
        continue;
      }
      if (parsed.kind !== 'sample') continue;
      const long = labelTooLong(parsed.sample.labels, maxLabelValueLength);
      if (long !== undefined) {
        const at = lineNo;
        this.limit(result, 'label_too_long', () => `line ${at}: label ${long} is over the ${maxLabelValueLength}-character limit`);
        continue;
      }
      const ref = this.resolve(parsed.sample.name, parsed.sample.labels);
      if (ref === undefined) {
        result.refused++;
        continue;
      }
      // insert() copies the key: a slice would keep the whole body alive.
      next.push(this.insert(text.slice(lineStart, keyEnd), ref, gen, next.length));
      result.created++;
      result.samples++;
      sink(ref, parsed.sample.value, parsed.sample.timestampMs);
    }
    session.expected = expected;
    session.lineNo = lineNo;
  }

  /** Ends a scrape: series it did not list are dropped and reported. */
  finish(session: IngestSession<T>): IngestResult<T> {
    const { gen, next, result } = session;
    if (next.length < this.count) {
      for (const [k, e] of this.entries) {
        if (e.gen !== gen) {
          this.entries.delete(k);
          result.removed.push(e.ref);
        }
      }
      for (const [head, byTail] of this.buckets) {
        for (const [tail, e] of byTail) {
          if (e.gen !== gen) {
            byTail.delete(tail);
            result.removed.push(e.ref);
          }
        }
        if (byTail.size === 0) this.buckets.delete(head);
      }
      this.count = next.length;
    }
    this.order = next;
    return result;
  }

  /** Forgets every series (e.g. when a target is removed), returning their references. */
  clear(): T[] {
    const refs = [...this.entries.values(), ...[...this.buckets.values()].flatMap((m) => [...m.values()])].map((e) => e.ref);
    this.entries.clear();
    this.buckets.clear();
    this.count = 0;
    this.order = [];
    return refs;
  }
}

/** The value (and optional timestamp) after the series text; undefined when malformed. */
function fastValue(line: string, from: number, n = line.length): { value: number; ts: number | undefined } | undefined {
  let i = from;
  while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  if (i === from || i === n) return undefined;
  let j = i;
  while (j < n && line.charCodeAt(j) !== 32 && line.charCodeAt(j) !== 9) j++;
  const token = line.slice(i, j);
  let value = +token;
  // `+` accepts forms the exposition does not ("0x1f", "Infinity" is fine either way); NaN/Inf spellings
  // and anything odd go through the strict parser.
  if (Number.isNaN(value) || token.charCodeAt(0) === 48 /* 0 */ && token.length > 1 && (token.charCodeAt(1) | 32) === 120) {
    const strict = parseSampleValue(token);
    if (strict === undefined) return undefined;
    value = strict;
  }
  while (j < n && (line.charCodeAt(j) === 32 || line.charCodeAt(j) === 9)) j++;
  if (j === n) return { value, ts: undefined };
  let k = j;
  while (k < n && line.charCodeAt(k) !== 32 && line.charCodeAt(k) !== 9) k++;
  const tsText = line.slice(j, k);
  const ts = Number(tsText);
  if (!Number.isInteger(ts) || !/^-?\d+$/.test(tsText)) return undefined;
  while (k < n && (line.charCodeAt(k) === 32 || line.charCodeAt(k) === 9)) k++;
  return k === n ? { value, ts } : undefined;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A copy of `s` that shares no storage with the string it was sliced from: V8 keeps a slice's whole parent
 * alive, and a cache entry must not pin a scrape body.
 */
export function flatCopy(s: string): string {
  return decoder.decode(encoder.encode(s));
}
