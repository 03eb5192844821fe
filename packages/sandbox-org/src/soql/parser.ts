// Recursive-descent parser for the SOQL subset:
//   SELECT (COUNT() | field, ...) FROM Object [WHERE cond]
//   [ORDER BY field [ASC|DESC] [NULLS FIRST|LAST], ...] [LIMIT n] [OFFSET n]
// Conditions follow Salesforce's grammar, which is stricter than SQL: AND and OR may not be
// mixed at one level, and NOT applies to a single parenthesised or simple expression and
// stands alone at its level ("Parentheses are required whenever you mix the operators").
import type { Condition, Literal, NameRef, OrderItem, Query, SelectItem } from './ast.ts';
import { isRelativeDate, takesN } from './dateLiterals.ts';
import { SoqlError, malformed, unexpectedToken } from './errors.ts';
import type { Token } from './lexer.ts';

/** Deep enough for any real filter, shallow enough that recursion can never blow the stack. */
export const MAX_NESTING = 64;
export const MAX_OFFSET = 2000;

// Salesforce's reserved keywords: never field or object names.
const RESERVED = new Set(['AND', 'ASC', 'DESC', 'EXCLUDES', 'FIRST', 'FROM', 'GROUP', 'HAVING', 'IN', 'INCLUDES', 'LAST', 'LIKE', 'LIMIT', 'NOT', 'NULL', 'NULLS', 'OR', 'SELECT', 'WHERE', 'WITH']);

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i] as Token; // the final eof token is never consumed
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i += 1;
    return t;
  }

  private isWord(word: string, t: Token = this.peek()): boolean {
    return t.kind === 'ident' && t.upper === word;
  }

  private acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.i += 1;
    return true;
  }

  private expectWord(word: string): void {
    if (!this.acceptWord(word)) throw unexpectedToken(this.peek().text);
  }

  private acceptPunct(p: string): boolean {
    const t = this.peek();
    if (t.kind !== 'punct' || t.text !== p) return false;
    this.i += 1;
    return true;
  }

  private expectPunct(p: string): void {
    if (!this.acceptPunct(p)) throw unexpectedToken(this.peek().text);
  }

  private name(): NameRef {
    const t = this.next();
    if (t.kind !== 'ident' || RESERVED.has(t.upper)) throw unexpectedToken(t.text);
    return { text: t.text, pos: t.pos };
  }

  private nonNegativeInt(): number {
    const t = this.next();
    if (t.kind !== 'number' || !/^\d+$/.test(t.text) || t.value > 2_147_483_647) {
      throw unexpectedToken(t.text);
    }
    return t.value;
  }

  query(): Query {
    const q = this.select(false);
    const end = this.peek();
    if (end.kind !== 'eof') throw unexpectedToken(end.text);
    return q;
  }

  /** A SELECT statement; a subquery (inside parentheses) may not hold further subqueries or COUNT(). */
  private select(nested: boolean): Query {
    this.expectWord('SELECT');
    let count = false;
    const select: SelectItem[] = [];
    const after = this.tokens[this.i + 1];
    if (!nested && this.isWord('COUNT') && after?.kind === 'punct' && after.text === '(') {
      this.i += 2;
      this.expectPunct(')');
      count = true;
    } else {
      do select.push(this.selectItem(nested));
      while (this.acceptPunct(','));
    }
    this.expectWord('FROM');
    const object = this.name();
    const where = this.acceptWord('WHERE') ? this.logical() : null;
    const orderBy: OrderItem[] = [];
    if (this.acceptWord('ORDER')) {
      this.expectWord('BY');
      do orderBy.push(this.orderItem());
      while (this.acceptPunct(','));
    }
    const limit = this.acceptWord('LIMIT') ? this.nonNegativeInt() : null;
    const offset = this.acceptWord('OFFSET') ? this.nonNegativeInt() : null;
    if (offset !== null && offset > MAX_OFFSET) {
      throw new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
    }
    return { count, select, object, where, orderBy, limit, offset };
  }

  /** A field, or (top level only) a parenthesised child subquery. */
  private selectItem(nested: boolean): SelectItem {
    const open = this.peek();
    if (!this.acceptPunct('(')) return { kind: 'field', ref: this.name() };
    if (nested) throw unexpectedToken('(');
    const query = this.select(true);
    this.expectPunct(')');
    return { kind: 'children', query, pos: open.pos };
  }

  private orderItem(): OrderItem {
    const field = this.name();
    const desc = this.acceptWord('DESC') ? true : (this.acceptWord('ASC'), false);
    let nullsFirst = !desc; // ASC puts nulls first, DESC puts them last
    if (this.acceptWord('NULLS')) {
      if (this.acceptWord('FIRST')) nullsFirst = true;
      else if (this.acceptWord('LAST')) nullsFirst = false;
      else throw unexpectedToken(this.peek().text);
    }
    return { field, desc, nullsFirst };
  }

  /** NOT simple | simple (AND simple)* | simple (OR simple)* */
  private logical(): Condition {
    if (this.acceptWord('NOT')) return { kind: 'not', item: this.simple() };
    const first = this.simple();
    const op = this.isWord('AND') ? 'AND' : this.isWord('OR') ? 'OR' : null;
    if (op === null) return first;
    const items = [first];
    while (this.acceptWord(op)) items.push(this.simple());
    return { kind: op === 'AND' ? 'and' : 'or', items };
  }

  /** '(' logical ')' | field expression */
  private simple(): Condition {
    if (this.acceptPunct('(')) {
      if (++this.depth > MAX_NESTING) {
        throw malformed(`Nesting of parentheses is too deep (more than ${MAX_NESTING} levels)`);
      }
      const inner = this.logical();
      this.expectPunct(')');
      this.depth -= 1;
      return inner;
    }
    const field = this.name();
    const t = this.next();
    if (t.kind === 'op') return { kind: 'compare', field, op: t.text, value: this.literal() };
    if (this.isWord('LIKE', t)) {
      const p = this.next();
      if (p.kind !== 'string') throw unexpectedToken(p.text);
      return { kind: 'like', field, pattern: { kind: 'string', text: p.text, value: p.value, like: p.like } };
    }
    const negated = this.isWord('NOT', t);
    const inWord = negated ? this.next() : t;
    if (this.isWord('IN', inWord)) {
      this.expectPunct('(');
      const values: Literal[] = [];
      do values.push(this.literal());
      while (this.acceptPunct(','));
      this.expectPunct(')');
      return { kind: 'in', field, negated, values };
    }
    throw unexpectedToken(inWord.text);
  }

  private literal(): Literal {
    const t = this.next();
    switch (t.kind) {
      case 'string':
        return { kind: 'string', text: t.text, value: t.value, like: t.like };
      case 'number':
        return { kind: 'number', text: t.text, value: t.value };
      case 'date':
      case 'datetime':
        return { kind: t.kind, text: t.text, ms: t.ms };
      case 'ident': {
        if (t.upper === 'TRUE' || t.upper === 'FALSE') {
          return { kind: 'boolean', text: t.text, value: t.upper === 'TRUE' };
        }
        if (t.upper === 'NULL') return { kind: 'null', text: t.text };
        if (!isRelativeDate(t.upper)) break;
        if (!takesN(t.upper)) return { kind: 'relative', text: t.text, name: t.upper, n: 0 };
        this.expectPunct(':');
        const n = this.nonNegativeInt();
        return { kind: 'relative', text: `${t.text}:${n}`, name: t.upper, n };
      }
    }
    throw unexpectedToken(t.text);
  }
}

export function parse(tokens: Token[]): Query {
  return new Parser(tokens).query();
}
