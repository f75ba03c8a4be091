import { describe, expect, it } from 'vitest';
import { parseExposition } from './exposition';
import { MAX_KEPT_ERRORS, ScrapeCache } from './scrape-cache';

const limits = { maxLineLength: 200, maxLabelValueLength: 16, maxSeries: 3 };
const cache = () => new ScrapeCache<string>((name, labels) => `${name}${JSON.stringify(labels)}`, undefined, limits);

describe('scrape cache limits', () => {
  it('skips a line over the length limit before parsing it, and says which', () => {
    const r = cache().ingest(`a{x="1"} 1\nb{x="${'y'.repeat(300)}"} 2\n`, () => undefined);
    expect(r.samples).toBe(1);
    expect(r.limited).toEqual({ line_too_long: 1 });
    expect(r.limitMessages.line_too_long).toMatch(/line 2 has 30\d characters, over the 200 limit/);
  });

  it('skips a series whose label value is over the limit', () => {
    const r = cache().ingest(`a{x="short"} 1\na{x="${'v'.repeat(17)}"} 2\n`, () => undefined);
    expect(r.samples).toBe(1);
    expect(r.limited).toEqual({ label_too_long: 1 });
    expect(r.limitMessages.label_too_long).toMatch(/label x is over the 16-character limit/);
  });

  it('keeps at most maxSeries series per target and refuses new ones without holding them', () => {
    const c = cache();
    const body = Array.from({ length: 10 }, (_, i) => `m{i="${i}"} ${i}`).join('\n');
    const r = c.ingest(body, () => undefined);
    expect(r.created).toBe(3);
    expect(c.size).toBe(3);
    expect(r.limited).toEqual({ too_many_series: 7 });
    // Known series still update on the next scrape.
    const again = c.ingest(body, () => undefined);
    expect(again.samples).toBe(3);
    expect(c.size).toBe(3);
  });

  it('keeps a bounded number of error messages but counts every malformed line', () => {
    const r = new ScrapeCache<string>(() => 'x').ingest('bad line\n'.repeat(1000), () => undefined);
    expect(r.errorCount).toBe(1000);
    expect(r.errors).toHaveLength(MAX_KEPT_ERRORS);
  });

  it('ingests a body fed in pieces exactly as in one go', () => {
    const body = Array.from({ length: 50 }, (_, i) => `m{i="${i % 20}",j="${i}"} ${i}`).join('\n') + '\n';
    const whole: [string, number][] = [];
    new ScrapeCache<string>((n, l) => `${n}${JSON.stringify(l)}`).ingest(body, (ref, v) => whole.push([ref, v]));
    const pieces: [string, number][] = [];
    const c = new ScrapeCache<string>((n, l) => `${n}${JSON.stringify(l)}`);
    const s = c.begin();
    const lines = body.split(/(?<=\n)/);
    for (let i = 0; i < lines.length; i += 7) c.feed(s, lines.slice(i, i + 7).join(''), (ref, v) => pieces.push([ref, v]));
    expect(c.finish(s).samples).toBe(50);
    expect(pieces).toEqual(whole);
  });

  it('bounds lines and label values in a one-shot parse too', () => {
    const e = parseExposition(`a{x="${'v'.repeat(20)}"} 1\n${'b'.repeat(300)} 1\nc 1\n`, { maxLineLength: 200, maxLabelValueLength: 16 });
    expect(e.samples.map((s) => s.name)).toEqual(['c']);
    expect(e.errors.map((x) => x.line)).toEqual([1, 2]);
  });
});
