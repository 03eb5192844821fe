/**
 * The opaque pull cursor: base64url JSON of the last record's SystemModstamp and Id (and its object,
 * so a Contact cursor cannot continue a Lead pull). It is not signed: every part is re-validated, so a
 * forged cursor can only name another position, never change the query's shape.
 */
import { SALESFORCE_ID, SALESFORCE_NAME, type PullPosition } from './soql.ts';

const MAX_CURSOR_CHARS = 256;

interface CursorBody {
  v: 1;
  o: string;
  t: number;
  id: string;
}

/** Encode the position after `record` of `object`. */
export function encodeCursor(object: string, position: Required<PullPosition>): string {
  const body: CursorBody = { v: 1, o: object, t: position.modstamp, id: position.id };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** Decode a cursor for `object`, or a reason it is not one. */
export function decodeCursor(cursor: string, object: string): Required<PullPosition> | { error: string } {
  if (cursor.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor)) return { error: 'not a cursor this API issued' };
  let body: Partial<CursorBody>;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
  } catch {
    return { error: 'not a cursor this API issued' };
  }
  if (typeof body !== 'object' || body === null || body.v !== 1) return { error: 'not a cursor this API issued' };
  if (typeof body.o !== 'string' || !SALESFORCE_NAME.test(body.o) || body.o !== object) return { error: `the cursor belongs to a pull of another object, not ${object}` };
  if (typeof body.t !== 'number' || !Number.isSafeInteger(body.t) || body.t < 0 || body.t > Date.UTC(9999, 11, 31)) return { error: 'the cursor time is not valid' };
  if (typeof body.id !== 'string' || !SALESFORCE_ID.test(body.id)) return { error: 'the cursor id is not valid' };
  return { modstamp: body.t, id: body.id };
}
