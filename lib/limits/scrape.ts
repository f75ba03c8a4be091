/** The embedded scraper (Envoy `/stats/prometheus` targets). Each refusal is counted by reason in `meshlens_scrape_*`. */
export interface ScrapeLimits {
  /** Bytes of one scrape answer after decompression; a larger answer fails the scrape (reason `body_too_large`). */
  maxBodyBytes: number;
  /** Bytes of one compressed (gzip, deflate) scrape answer as sent; a larger one fails the scrape (reason `compressed_too_large`). */
  maxCompressedBytes: number;
  /** Characters in one exposition line; longer lines are skipped (reason `line_too_long`). */
  maxLineLength: number;
  /** Characters in one label value; a series with a longer one is skipped (reason `label_too_long`). */
  maxLabelValueLength: number;
  /** Series kept from one target; further new series are skipped (reason `too_many_series`). */
  maxSeriesPerTarget: number;
}

export const SCRAPE_LIMITS: ScrapeLimits = {
  maxBodyBytes: 64 * 1024 * 1024,
  maxCompressedBytes: 16 * 1024 * 1024,
  maxLineLength: 64 * 1024,
  maxLabelValueLength: 2_048,
  maxSeriesPerTarget: 100_000,
};
