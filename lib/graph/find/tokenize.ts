/** Tokens of the find/hide language. Positions are 0-based offsets into the source, for error messages. */
export type Token =
  | { kind: 'word'; text: string; at: number }
  | { kind: 'string'; text: string; at: number }
  | { kind: 'op'; text: ComparisonSymbol; at: number }
  | { kind: 'not'; at: number }
  | { kind: 'and'; at: number }
  | { kind: 'or'; at: number }
  | { kind: 'lparen'; at: number }
  | { kind: 'rparen'; at: number };

export type ComparisonSymbol = '=' | '!=' | '>' | '<' | '>=' | '<=' | '*=' | '!*=' | '^=' | '!^=' | '$=' | '!$=';

export class FindSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
    this.name = 'FindSyntaxError';
  }
}

// Longest first, so `!*=` wins over `!` and `>=` over `>`.
const SYMBOLS: readonly ComparisonSymbol[] = ['!*=', '!^=', '!$=', '!=', '>=', '<=', '*=', '^=', '$=', '=', '>', '<'];
const WORD_CHAR = /[A-Za-z0-9%_.\-:/@]/;

/** Splits an expression into tokens. `and`/`or`/`not` (any case) and `&&`/`||` are keywords. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ kind: c === '(' ? 'lparen' : 'rparen', at: i });
      i++;
      continue;
    }
    if (src.startsWith('&&', i) || src.startsWith('||', i)) {
      out.push({ kind: c === '&' ? 'and' : 'or', at: i });
      i += 2;
      continue;
    }
    const sym = SYMBOLS.find((s) => src.startsWith(s, i));
    if (sym) {
      out.push({ kind: 'op', text: sym, at: i });
      i += sym.length;
      continue;
    }
    if (c === '!') {
      out.push({ kind: 'not', at: i });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new FindSyntaxError('Unterminated quoted value', i);
      out.push({ kind: 'string', text: src.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    if (WORD_CHAR.test(c)) {
      const start = i;
      while (i < src.length && WORD_CHAR.test(src[i] as string)) i++;
      const text = src.slice(start, i);
      const lower = text.toLowerCase();
      if (lower === 'and' || lower === 'or' || lower === 'not') out.push({ kind: lower, at: start });
      else out.push({ kind: 'word', text, at: start });
      continue;
    }
    throw new FindSyntaxError(`Unexpected character "${c}"`, i);
  }
  return out;
}
