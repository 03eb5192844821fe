// Compiles a WHERE condition into a predicate closure, once per query. Field names and
// literal types are checked here (before any record is read), and literals are converted to
// the field's comparison key up front so the per-record work is one read and one compare.
import { scalarText } from '../scalar-text.ts';
import type { Condition, Literal, NameRef } from './ast.ts';
import { relativeRange } from './dateLiterals.ts';
import { SoqlError, wrongLiteralType } from './errors.ts';
import type { CompareOp } from './lexer.ts';
import { compileLike } from './like.ts';
import type { FieldAccess } from './paths.ts';
import type { SoqlFieldInfo, SoqlRecord } from './types.ts';
import { DAY_MS, categoryOf, idKey, isIdShaped, toKey, typeLabel, type Category, type Key } from './values.ts';

export type Predicate = (record: SoqlRecord) => boolean;

/** Resolves a field reference of the queried object (own field or parent path) to its accessor. */
export type FieldScope = (ref: NameRef) => FieldAccess;

/** A literal as the field sees it: null, one key, or (dates) a half-open range of instants. */
/** Date and dateTime fields read as epoch milliseconds (see toKey), the only ones with ranges. */
type InstantGetter = (r: SoqlRecord) => number | null;

type Operand = { kind: 'null' } | { kind: 'key'; key: Key } | { kind: 'range'; lo: number; hi: number };

function badOperator(field: SoqlFieldInfo): SoqlError {
  return new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid operator on ${field.type} field`);
}

function operand(lit: Literal, field: SoqlFieldInfo, cat: Category, now: number): Operand {
  if (lit.kind === 'null') return { kind: 'null' };
  const wrong = () => wrongLiteralType(field.name, typeLabel(field.type), cat === 'string' || cat === 'id');
  switch (cat) {
    case 'string':
    case 'id': {
      if (lit.kind !== 'string') throw wrong();
      if (lit.value === '') return { kind: 'null' }; // '' and null are the same in Salesforce
      if (cat === 'string') return { kind: 'key', key: lit.value.toLowerCase() };
      if (!isIdShaped(lit.value)) {
        throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${lit.value}`);
      }
      return { kind: 'key', key: idKey(lit.value) };
    }
    case 'number':
      if (lit.kind !== 'number') throw wrong();
      return { kind: 'key', key: lit.value };
    case 'boolean':
      if (lit.kind !== 'boolean') throw wrong();
      return { kind: 'key', key: lit.value };
    case 'date':
    case 'datetime': {
      if (lit.kind === 'relative') {
        const [lo, hi] = relativeRange(lit.name, lit.n, now);
        return { kind: 'range', lo, hi };
      }
      // A date literal only filters date fields, a dateTime literal only dateTime fields.
      if (lit.kind !== cat) throw wrong();
      return { kind: 'range', lo: lit.ms, hi: lit.ms + (cat === 'date' ? DAY_MS : 1) };
    }
  }
}

function keyPredicate(op: CompareOp, get: (r: SoqlRecord) => Key | null, k: Key): Predicate {
  switch (op) {
    case '=':
      return (r) => get(r) === k;
    case '!=':
      return (r) => get(r) !== k; // a null field value is "not equal"
    case '<':
      return (r) => {
        const v = get(r);
        return v !== null && v < k;
      };
    case '<=':
      return (r) => {
        const v = get(r);
        return v !== null && v <= k;
      };
    case '>':
      return (r) => {
        const v = get(r);
        return v !== null && v > k;
      };
    case '>=':
      return (r) => {
        const v = get(r);
        return v !== null && v >= k;
      };
  }
}

// Ranges make TODAY and a single date behave alike: '=' means inside, '<' before the start,
// '>' after the end. A dateTime literal is the one-millisecond range [t, t + 1).
function rangePredicate(op: CompareOp, get: (r: SoqlRecord) => number | null, lo: number, hi: number): Predicate {
  const inside = (v: number | null) => v !== null && v >= lo && v < hi;
  switch (op) {
    case '=':
      return (r) => inside(get(r));
    case '!=':
      return (r) => !inside(get(r));
    case '<':
      return (r) => {
        const v = get(r);
        return v !== null && v < lo;
      };
    case '<=':
      return (r) => {
        const v = get(r);
        return v !== null && v < hi;
      };
    case '>':
      return (r) => {
        const v = get(r);
        return v !== null && v >= hi;
      };
    case '>=':
      return (r) => {
        const v = get(r);
        return v !== null && v >= lo;
      };
  }
}

function compare(op: CompareOp, get: (r: SoqlRecord) => Key | null, o: Operand): Predicate {
  if (o.kind === 'key') return keyPredicate(op, get, o.key);
  if (o.kind === 'range') return rangePredicate(op, get as InstantGetter, o.lo, o.hi);
  if (op === '=') return (r) => get(r) === null;
  if (op === '!=') return (r) => get(r) !== null;
  return () => false; // ordering against null matches nothing
}

function membership(get: (r: SoqlRecord) => Key | null, operands: Operand[]): Predicate {
  const instant = get as InstantGetter; // used only when ranges exist, i.e. for date fields
  const hasNull = operands.some((o) => o.kind === 'null');
  const keys = new Set<Key>();
  const ranges: [number, number][] = [];
  for (const o of operands) {
    if (o.kind === 'key') keys.add(o.key);
    else if (o.kind === 'range') ranges.push([o.lo, o.hi]);
  }
  if (ranges.length === 0)
    return (r) => {
      const v = get(r);
      return v === null ? hasNull : keys.has(v);
    };
  return (r) => {
    const v = instant(r);
    if (v === null) return hasNull;
    return ranges.some(([lo, hi]) => v >= lo && v < hi);
  };
}

export function compileCondition(c: Condition, scope: FieldScope, now: number): Predicate {
  switch (c.kind) {
    case 'and': {
      const ps = c.items.map((i) => compileCondition(i, scope, now));
      return (r) => {
        for (const p of ps) if (!p(r)) return false;
        return true;
      };
    }
    case 'or': {
      const ps = c.items.map((i) => compileCondition(i, scope, now));
      return (r) => {
        for (const p of ps) if (p(r)) return true;
        return false;
      };
    }
    case 'not': {
      const p = compileCondition(c.item, scope, now);
      return (r) => !p(r);
    }
    case 'like': {
      const { field, read } = scope(c.field);
      if (categoryOf(field.type) !== 'string') throw badOperator(field);
      const match = compileLike(c.pattern.like);
      return (r) => {
        const v = read(r);
        return v !== null && v !== undefined && v !== '' && match(scalarText(v));
      };
    }
    case 'compare':
    case 'in': {
      const { field, read } = scope(c.field);
      const cat = categoryOf(field.type);
      const get = (r: SoqlRecord) => toKey(cat, read(r));
      if (c.kind === 'in') {
        const p = membership(
          get,
          c.values.map((v) => operand(v, field, cat, now)),
        );
        return c.negated ? (r) => !p(r) : p;
      }
      if (cat === 'boolean' && c.op !== '=' && c.op !== '!=') throw badOperator(field);
      return compare(c.op, get, operand(c.value, field, cat, now));
    }
  }
}
