// The parsed shape of a query. Names are kept as written (with their position for errors);
// resolving them against describe() happens when the query is compiled.
import type { CompareOp } from './lexer.ts';

export interface NameRef {
  text: string;
  pos: number;
}

export type Literal =
  | { kind: 'string'; text: string; value: string; like: string }
  | { kind: 'number'; text: string; value: number }
  | { kind: 'boolean'; text: string; value: boolean }
  | { kind: 'null'; text: string }
  | { kind: 'date' | 'datetime'; text: string; ms: number }
  /** TODAY, LAST_N_DAYS:7, ...: a range resolved against the clock at compile time */
  | { kind: 'relative'; text: string; name: string; n: number };

export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; field: NameRef; op: CompareOp; value: Literal }
  | { kind: 'in'; field: NameRef; negated: boolean; values: Literal[] }
  | { kind: 'like'; field: NameRef; pattern: Extract<Literal, { kind: 'string' }> };

export interface OrderItem {
  field: NameRef;
  desc: boolean;
  nullsFirst: boolean;
}

/** One item of a SELECT list: a field (maybe a parent path like `Account.Owner.Name`) or a child subquery. */
export type SelectItem = { kind: 'field'; ref: NameRef } | { kind: 'children'; query: Query; pos: number };

export interface Query {
  /** SELECT COUNT() */
  count: boolean;
  /** The SELECT list in order (empty for COUNT()). */
  select: SelectItem[];
  /** The object queried; in a subquery, the child relationship name (`Contacts`). */
  object: NameRef;
  where: Condition | null;
  orderBy: OrderItem[];
  limit: number | null;
  offset: number | null;
}
