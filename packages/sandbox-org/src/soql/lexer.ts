// Turns SOQL text into tokens. Keywords are not special here: they are identifiers that the
// parser recognises case-insensitively by position (SOQL field names may look like keywords).
import { malformed } from './errors.ts';
import { parseInstant } from './values.ts';

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Token =
  | { kind: 'ident'; text: string; upper: string; pos: number }
  /** value: decoded text; like: LIKE form where '\x' is a literal x and bare % and _ are wildcards */
  | { kind: 'string'; text: string; value: string; like: string; pos: number }
  | { kind: 'number'; text: string; value: number; pos: number }
  | { kind: 'date' | 'datetime'; text: string; ms: number; pos: number }
  | { kind: 'op'; text: CompareOp; pos: number }
  | { kind: 'punct'; text: '(' | ')' | ',' | ':'; pos: number }
  | { kind: 'eof'; text: '<EOF>'; pos: number };

const IDENT = /[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*/y;
const NUMBER = /[+-]?\d+(?:\.\d+)?/y;
// Date or date-time; the zone is optional here so that a missing one gets a clear error.
const DATE = /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?/y;

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/** Where a character sits, in the 'line L:C' form of Salesforce's lexer errors. */
function where(src: string, pos: number): string {
  const before = src.slice(0, pos);
  const line = before.split('\n').length;
  return `line ${line}:${pos - before.lastIndexOf('\n') - 1}`;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function lexString(src: string, start: number): { token: Token; end: number } {
  let value = '';
  let like = '';
  let i = start + 1;
  for (;;) {
    if (i >= src.length) {
      throw malformed(`${where(src, i)} mismatched character '<EOF>' expecting '''`);
    }
    const c = src[i] as string;
    if (c === "'") break;
    if (c !== '\\') {
      value += c;
      like += c;
      i += 1;
      continue;
    }
    const e = src[i + 1] ?? '';
    let decoded: string;
    let width = 2;
    if (e === '%' || e === '_') {
      // LIKE-only escapes: a literal % or _ (kept escaped in the LIKE form).
      value += e;
      like += '\\' + e;
      i += 2;
      continue;
    } else if (e === 'u') {
      const hex = src.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw badEscape(src, start, '\\u' + hex);
      decoded = String.fromCharCode(parseInt(hex, 16));
      width = 6;
    } else {
      // \N, \R, \T, \B, \F mean the same as their lower-case forms.
      const simple = SIMPLE_ESCAPES[e] ?? SIMPLE_ESCAPES[e.toLowerCase()];
      if (simple === undefined) throw badEscape(src, start, '\\' + e);
      decoded = simple;
    }
    value += decoded;
    like += decoded === '\\' || decoded === '%' || decoded === '_' ? '\\' + decoded : decoded;
    i += width;
  }
  const text = src.slice(start, i + 1);
  return { token: { kind: 'string', text, value, like, pos: start }, end: i + 1 };
}

function badEscape(src: string, start: number, seq: string): Error {
  const end = src.indexOf("'", start + 1);
  const literal = end < 0 ? src.slice(start) : src.slice(start, end + 1);
  return malformed(`Invalid string literal ${literal}. Illegal character sequence '${seq}' in string literal.`);
}

function lexDate(src: string, pos: number, text: string): Token {
  const isDateTime = text.includes('T');
  const ms = parseInstant(text, true);
  if (ms === null) {
    throw malformed(`${where(src, pos)} invalid ${isDateTime ? 'dateTime' : 'date'} literal '${text}'`);
  }
  return { kind: isDateTime ? 'datetime' : 'date', text, ms, pos };
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) {
      i += 1;
      continue;
    }
    const ch = src[i] as string;
    if (ch === "'") {
      const { token, end } = lexString(src, i);
      tokens.push(token);
      i = end;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',' || ch === ':') {
      tokens.push({ kind: 'punct', text: ch, pos: i });
      i += 1;
      continue;
    }
    if (ch === '=' || ch === '<' || ch === '>' || ch === '!') {
      const two = src.slice(i, i + 2);
      let op: CompareOp;
      if (two === '<=' || two === '>=' || two === '!=') op = two;
      else if (two === '<>') op = '!=';
      else if (ch === '!') throw malformed(`${where(src, i)} no viable alternative at character '!'`);
      else op = ch;
      tokens.push({ kind: 'op', text: op, pos: i });
      i += op.length; // '<>' is two characters, like its '!=' spelling
      continue;
    }
    if (isDigit(c) || ((ch === '-' || ch === '+') && isDigit(src.charCodeAt(i + 1)))) {
      DATE.lastIndex = i;
      const d = isDigit(c) ? DATE.exec(src) : null;
      if (d) {
        tokens.push(lexDate(src, i, d[0]));
        i += d[0].length;
        continue;
      }
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(src) as RegExpExecArray; // cannot fail: a digit is at i or i+1
      tokens.push({ kind: 'number', text: m[0], value: Number(m[0]), pos: i });
      i += m[0].length;
      continue;
    }
    IDENT.lastIndex = i;
    const id = IDENT.exec(src);
    if (id) {
      tokens.push({ kind: 'ident', text: id[0], upper: id[0].toUpperCase(), pos: i });
      i += id[0].length;
      continue;
    }
    throw malformed(`${where(src, i)} no viable alternative at character '${ch}'`);
  }
  tokens.push({ kind: 'eof', text: '<EOF>', pos: n });
  return tokens;
}
