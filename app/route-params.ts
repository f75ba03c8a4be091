/**
 * A dynamic route segment as typed: segments arrive URL-encoded in some Next versions and decoded in others;
 * names are DNS labels, so decoding twice is harmless, and a malformed escape is kept as it was.
 */
export function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
