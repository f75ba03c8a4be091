/**
 * Prometheus text exposition format 0.0.4, as Envoy's `/stats/prometheus` serves it.
 *
 * Written here rather than taken from npm because the parsers there mishandle labelled histograms
 * (`le` placed anywhere in the label set), escapes in label values, and `NaN`/`+Inf` values.
 * A malformed line never aborts a parse: it is reported in `errors` and skipped.
 */
import type { Labels } from './labels';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  name: string;
  labels: Labels;
  value: number;
  /** Milliseconds since the epoch when the exposition gave one. */
  timestampMs?: number;
}

export interface LineError {
  /** 1-based line number. */
  line: number;
  message: string;
}

export interface Exposition {
  samples: Sample[];
  help: Map<string, string>;
  types: Map<string, MetricType>;
  errors: LineError[];
}

const METRIC_TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** Bounds on one line of an exposition (lib/limits/scrape.ts holds the scraper's). */
export interface ExpositionLimits {
  /** Characters in a line; longer lines are errors, never parsed. */
  maxLineLength: number;
  /** Characters in a label value; a sample with a longer one is an error. */
  maxLabelValueLength: number;
}

/**
 * The name of the first label whose value is longer than `max` characters, or undefined.
 * A scrape target's label values become node names and answer text: one 10 MB value would be in every answer.
 */
export function labelTooLong(labels: Labels, max: number): string | undefined {
  if (max === Infinity) return undefined;
  for (const k in labels) if ((labels[k] as string).length > max) return k;
  return undefined;
}

/** Parses a whole exposition. Use {@link ScrapeCache} for repeat scrapes of one target. */
export function parseExposition(text: string, limits?: ExpositionLimits): Exposition {
  const out: Exposition = { samples: [], help: new Map(), types: new Map(), errors: [] };
  let lineNo = 0;
  forEachLine(text, (line) => {
    lineNo++;
    if (limits && line.length > limits.maxLineLength) {
      out.errors.push({ line: lineNo, message: `line of ${line.length} characters is over the ${limits.maxLineLength} limit` });
      return;
    }
    const r = parseLine(line);
    if (r === undefined) return;
    const long = limits && typeof r !== 'string' && r.kind === 'sample' ? labelTooLong(r.sample.labels, limits.maxLabelValueLength) : undefined;
    if (long !== undefined) out.errors.push({ line: lineNo, message: `label ${long} is over the ${limits?.maxLabelValueLength}-character limit` });
    else if (typeof r === 'string') out.errors.push({ line: lineNo, message: r });
    else if (r.kind === 'help') out.help.set(r.name, r.text);
    else if (r.kind === 'type') out.types.set(r.name, r.type);
    else out.samples.push(r.sample);
  });
  return out;
}

export type ParsedLine =
  | { kind: 'sample'; sample: Sample }
  | { kind: 'help'; name: string; text: string }
  | { kind: 'type'; name: string; type: MetricType };

/** Calls `fn` for each line (without its `\n` or a trailing `\r`). */
export function forEachLine(text: string, fn: (line: string) => void): void {
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = n;
    let stop = end;
    if (stop > pos && text.charCodeAt(stop - 1) === 13) stop--;
    fn(text.slice(pos, stop));
    pos = end + 1;
  }
}

/**
 * Parses one line: a sample, a HELP or TYPE comment, `undefined` for blank lines and other comments,
 * or an error message string.
 */
export function parseLine(line: string): ParsedLine | string | undefined {
  const i = skipSpace(line, 0);
  if (i === line.length) return undefined;
  if (line.charCodeAt(i) === 35 /* # */) return parseComment(line, i + 1);
  const series = parseSeriesAt(line, i);
  if (typeof series === 'string') return series;
  const rest = parseValueAndTimestamp(line, series.end);
  if (typeof rest === 'string') return rest;
  const sample: Sample = { name: series.name, labels: series.labels, value: rest.value };
  if (rest.timestampMs !== undefined) sample.timestampMs = rest.timestampMs;
  return { kind: 'sample', sample };
}

function parseComment(line: string, from: number): ParsedLine | string | undefined {
  let i = skipSpace(line, from);
  const word = readToken(line, i);
  if (word !== 'HELP' && word !== 'TYPE') return undefined;
  i = skipSpace(line, i + word.length);
  const name = readToken(line, i);
  if (!isMetricName(name)) return `${word} without a valid metric name`;
  i += name.length;
  if (word === 'HELP') {
    // One separator, then the docstring with \\ and \n escapes.
    if (i < line.length) i++;
    return { kind: 'help', name, text: unescapeHelp(line.slice(i)) };
  }
  const type = readToken(line, skipSpace(line, i)).toLowerCase() as MetricType;
  if (!METRIC_TYPES.has(type)) return `unknown metric type for ${name}`;
  return { kind: 'type', name, type };
}

export interface ParsedSeries {
  name: string;
  labels: Record<string, string>;
  /** Index just after the series (after `}` or the name). */
  end: number;
}

/** Parses `name{label="value",...}` starting at `start`; returns a message on malformed input. */
export function parseSeriesAt(line: string, start: number): ParsedSeries | string {
  let i = start;
  while (i < line.length && isNameChar(line.charCodeAt(i), i === start, true)) i++;
  if (i === start) return 'expected a metric name';
  const name = line.slice(start, i);
  const labels: Record<string, string> = {};
  const afterName = i;
  i = skipSpace(line, i);
  if (line.charCodeAt(i) !== 123 /* { */) return { name, labels, end: afterName };
  i++;
  for (;;) {
    i = skipSpace(line, i);
    if (i >= line.length) return 'unterminated label set';
    if (line.charCodeAt(i) === 125 /* } */) return { name, labels, end: i + 1 };
    const ls = i;
    while (i < line.length && isNameChar(line.charCodeAt(i), i === ls, false)) i++;
    if (i === ls) return `invalid label name at column ${i + 1}`;
    const label = line.slice(ls, i);
    i = skipSpace(line, i);
    if (line.charCodeAt(i) !== 61 /* = */) return `expected = after label ${label}`;
    i = skipSpace(line, i + 1);
    if (line.charCodeAt(i) !== 34 /* " */) return `expected a quoted value for label ${label}`;
    const v = readQuoted(line, i + 1);
    if (v === undefined) return `unterminated value for label ${label}`;
    if (label in labels) return `duplicate label ${label}`;
    labels[label] = v.value;
    i = skipSpace(line, v.end);
    if (i >= line.length) return 'unterminated label set';
    const c = line.charCodeAt(i);
    if (c === 44 /* , */) i++;
    else if (c !== 125) return `expected , or } after label ${label}`;
  }
}

/** Parses ` value [timestamp]` after a series; only whitespace may follow. */
export function parseValueAndTimestamp(line: string, from: number): { value: number; timestampMs?: number } | string {
  let i = skipSpace(line, from);
  if (i === from && i < line.length) return 'expected whitespace before the value';
  const vs = i;
  while (i < line.length && !isSpace(line.charCodeAt(i))) i++;
  const value = parseSampleValue(line.slice(vs, i));
  if (value === undefined) return `invalid sample value ${JSON.stringify(line.slice(vs, i))}`;
  i = skipSpace(line, i);
  if (i === line.length) return { value };
  const ts = i;
  while (i < line.length && !isSpace(line.charCodeAt(i))) i++;
  const tsText = line.slice(ts, i);
  if (!/^-?\d+$/.test(tsText)) return `invalid timestamp ${JSON.stringify(tsText)}`;
  if (skipSpace(line, i) !== line.length) return 'unexpected text after the timestamp';
  return { value, timestampMs: Number(tsText) };
}

const FLOAT_RE = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)$/;

/**
 * Parses a sample value as Go's ParseFloat does for the exposition: decimals, exponents, `NaN`,
 * `+Inf`/`-Inf`/`Inf` (any case). Returns undefined when malformed.
 */
export function parseSampleValue(s: string): number | undefined {
  if (FLOAT_RE.test(s)) return Number(s);
  switch (s.toLowerCase()) {
    case 'nan':
      return NaN;
    case '+inf':
    case 'inf':
    case '+infinity':
    case 'infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
    default:
      return undefined;
  }
}

function readQuoted(line: string, from: number): { value: string; end: number } | undefined {
  let out = '';
  let seg = from;
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) return { value: out + line.slice(seg, i), end: i + 1 };
    if (c === 92 /* \ */) {
      out += line.slice(seg, i);
      const e = line.charCodeAt(i + 1);
      if (e === 110) out += '\n';
      else if (e === 92) out += '\\';
      else if (e === 34) out += '"';
      else if (Number.isNaN(e)) return undefined;
      // Unknown escapes keep the backslash, as Prometheus does.
      else out += '\\' + line.charAt(i + 1);
      i++;
      seg = i + 1;
    }
  }
  return undefined;
}

function unescapeHelp(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(\\|n)/g, (_m, c: string) => (c === 'n' ? '\n' : '\\'));
}

function readToken(line: string, from: number): string {
  let i = from;
  while (i < line.length && !isSpace(line.charCodeAt(i))) i++;
  return line.slice(from, i);
}

function skipSpace(line: string, from: number): number {
  let i = from;
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  return i;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

function isNameChar(c: number, first: boolean, colonOk: boolean): boolean {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) return true;
  if (colonOk && c === 58) return true;
  return !first && c >= 48 && c <= 57;
}

/** True for a valid metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`). */
export function isMetricName(s: string): boolean {
  return /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(s);
}
