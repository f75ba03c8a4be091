import { FindSyntaxError, tokenize, type ComparisonSymbol, type Token } from './tokenize';

export type CompareOp =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'lt'
  | 'ge'
  | 'le'
  | 'contains'
  | 'notContains'
  | 'startsWith'
  | 'notStartsWith'
  | 'endsWith'
  | 'notEndsWith';

/** The syntax tree. Field and flag names are kept as typed; `compile` resolves them. */
export type FindExpr =
  | { type: 'or'; items: FindExpr[] }
  | { type: 'and'; items: FindExpr[] }
  | { type: 'not'; item: FindExpr }
  | { type: 'compare'; field: string; op: CompareOp; value: string; at: number }
  | { type: 'flag'; name: string; at: number };

const SYMBOL_OPS: Record<ComparisonSymbol, CompareOp> = {
  '=': 'eq',
  '!=': 'ne',
  '>': 'gt',
  '<': 'lt',
  '>=': 'ge',
  '<=': 'le',
  '*=': 'contains',
  '!*=': 'notContains',
  '^=': 'startsWith',
  '!^=': 'notStartsWith',
  '$=': 'endsWith',
  '!$=': 'notEndsWith',
};

const WORD_OPS: Record<string, [CompareOp, CompareOp]> = {
  contains: ['contains', 'notContains'],
  startswith: ['startsWith', 'notStartsWith'],
  endswith: ['endsWith', 'notEndsWith'],
};

/** Words that only make a flag read better (`is healthy`, `has cb`, `! is root`), as Kiali accepts them. */
const FLAG_FILLERS = new Set(['is', 'has']);

/**
 * Parses a find/hide expression (Kiali's language, plus parentheses and `&&`/`||`).
 * Precedence: `not`/`!` binds tightest, then `and`, then `or`. Throws FindSyntaxError with a position.
 */
export function parseFind(src: string): FindExpr {
  const tokens = tokenize(src);
  if (tokens.length === 0) throw new FindSyntaxError('Empty expression', 0);
  const p = new Parser(tokens, src.length);
  const expr = p.or();
  const extra = p.peek();
  if (extra) throw new FindSyntaxError(`Unexpected ${describe(extra)}`, extra.at);
  return expr;
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly end: number,
  ) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  private next(): Token | undefined {
    return this.tokens[this.i++];
  }

  or(): FindExpr {
    const items = [this.and()];
    while (this.peek()?.kind === 'or') {
      this.i++;
      items.push(this.and());
    }
    return items.length === 1 ? (items[0] as FindExpr) : { type: 'or', items };
  }

  private and(): FindExpr {
    const items = [this.unary()];
    while (this.peek()?.kind === 'and') {
      this.i++;
      items.push(this.unary());
    }
    return items.length === 1 ? (items[0] as FindExpr) : { type: 'and', items };
  }

  private unary(): FindExpr {
    const t = this.peek();
    if (!t) throw new FindSyntaxError('Expression ends too early', this.end);
    if (t.kind === 'not') {
      this.i++;
      return { type: 'not', item: this.unary() };
    }
    if (t.kind === 'lparen') {
      this.i++;
      const inner = this.or();
      const close = this.next();
      if (close?.kind !== 'rparen') throw new FindSyntaxError('Missing ")"', close?.at ?? this.end);
      return inner;
    }
    if (t.kind === 'word') return this.primary();
    throw new FindSyntaxError(`Unexpected ${describe(t)}`, t.at);
  }

  private primary(): FindExpr {
    const head = this.next() as Token & { kind: 'word' };
    if (FLAG_FILLERS.has(head.text.toLowerCase())) {
      const flag = this.peek();
      if (flag?.kind === 'not') return this.unary();
      if (flag?.kind !== 'word') throw new FindSyntaxError(`Expected a flag after "${head.text}"`, flag?.at ?? this.end);
      this.i++;
      return { type: 'flag', name: flag.text, at: flag.at };
    }
    const op = this.operator();
    if (!op) return { type: 'flag', name: head.text, at: head.at };
    const value = this.next();
    if (!value || (value.kind !== 'word' && value.kind !== 'string')) {
      throw new FindSyntaxError(`Expected a value after "${head.text}"`, value?.at ?? this.end);
    }
    return { type: 'compare', field: head.text, op, value: value.text, at: head.at };
  }

  /** Reads a comparison operator if one follows: a symbol, or `[!|not] contains|startswith|endswith`. */
  private operator(): CompareOp | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (t.kind === 'op') {
      this.i++;
      return SYMBOL_OPS[t.text];
    }
    const negated = t.kind === 'not';
    const w = negated ? this.peek(1) : t;
    if (w?.kind !== 'word') return undefined;
    const pair = WORD_OPS[w.text.toLowerCase()];
    if (!pair) return undefined;
    this.i += negated ? 2 : 1;
    return negated ? pair[1] : pair[0];
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'word':
      return `"${t.text}"`;
    case 'string':
      return `"${t.text}"`;
    case 'op':
      return `"${t.text}"`;
    case 'not':
      return '"!"';
    case 'and':
      return '"and"';
    case 'or':
      return '"or"';
    case 'lparen':
      return '"("';
    case 'rparen':
      return '")"';
  }
}
