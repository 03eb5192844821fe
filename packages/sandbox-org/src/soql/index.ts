// Public entry point of the sandbox org's SOQL subset: a pure function from query text and a
// record source to rows or a typed Salesforce-style error. No HTTP here; paging is the
// caller's job (it gets the full matching, ordered, limited list).
import { SoqlError, malformed } from './errors.ts';
import { execute } from './evaluate.ts';
import { tokenize } from './lexer.ts';
import { parse } from './parser.ts';
import type { SoqlOptions, SoqlResult, SoqlSource } from './types.ts';

export type { SoqlErrorCode } from './errors.ts';
export type { SoqlChildRelationship, SoqlFieldInfo, SoqlObjectInfo, SoqlOptions, SoqlRecord, SoqlResult, SoqlSource } from './types.ts';
export { MAX_NESTING, MAX_OFFSET } from './parser.ts';

/** Salesforce's default cap on the length of a SOQL statement. */
export const MAX_QUERY_LENGTH = 100_000;

/** Runs one SOQL query. Never throws for bad input: errors come back as { ok: false }. */
export function runSoql(soql: string, source: SoqlSource, options: SoqlOptions = {}): SoqlResult {
  try {
    if (typeof soql !== 'string') throw malformed("unexpected token: '<EOF>'");
    if (soql.length > MAX_QUERY_LENGTH) {
      throw malformed(`SOQL statements cannot be longer than ${MAX_QUERY_LENGTH.toLocaleString('en-US')} characters.`);
    }
    const now = options.now === undefined ? Date.now() : Number(options.now);
    return execute(parse(tokenize(soql)), source, now, options.recordUrl);
  } catch (e) {
    if (e instanceof SoqlError) return { ok: false, errorCode: e.errorCode, message: e.message };
    throw e; // a failing source or a bug here: not the client's fault, let the server report it
  }
}
export { soqlColumns } from './columns.ts';
export type { SoqlColumn, SoqlColumnsResult } from './columns.ts';
