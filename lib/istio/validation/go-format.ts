/**
 * A small subset of Go's fmt verbs (%s %v %q %d %%), enough to render istioctl's message templates the way
 * istioctl prints them: slices as `[a b]`, %q as a double-quoted string.
 */
export function goFormat(template: string, args: readonly unknown[]): string {
  let i = 0;
  return template.replace(/%([svqd%])/g, (_m, verb: string) => {
    if (verb === '%') return '%';
    const arg = args[i++];
    if (verb === 'q') return quote(arg);
    return plain(arg);
  });
}

function plain(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(plain).join(' ')}]`;
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function quote(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(quote).join(' ')}]`;
  return JSON.stringify(plain(v));
}
