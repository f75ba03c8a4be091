/** The embedded scraper (Envoy `/stats/prometheus` targets). */
export interface ScrapeLimits {
  /** Bytes of one scrape answer after decompression. */
  maxBodyBytes: number;
}

export const SCRAPE_LIMITS: ScrapeLimits = {
  maxBodyBytes: 64 * 1024 * 1024,
};
