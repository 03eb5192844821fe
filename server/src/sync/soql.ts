/**
 * The only way sync builds SOQL: names checked against a strict pattern, times formatted from
 * numbers, ids checked for shape. Nothing a client sends is ever pasted into a query as text.
 */

/** Salesforce API names: a letter, then letters, digits and underscores (custom ones end in __c). */
export const SALESFORCE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
/** 15- or 18-character Salesforce record ids. */
export const SALESFORCE_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

// Full date, time and zone; at most milliseconds, which is all Salesforce keeps. Salesforce itself
// writes zones without the colon (`+0000`), which ISO 8601 also allows.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})$/;
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Epoch ms of a strict ISO-8601 date-time with a zone, or undefined (no Date.parse leniency). */
export function parseIsoDateTime(text: string): number | undefined {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // A day that does not exist (Feb 30) rolls over in Date.UTC: compare the parts back.
  const check = new Date(local);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  const zone = m[8]!;
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(-2)) > 59)) return undefined;
  const offset = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2))) * 60_000;
  const at = local - offset;
  return at >= 0 && at <= MAX_MS ? at : undefined;
}

/** A SOQL datetime literal (unquoted): `YYYY-MM-DDTHH:mm:ss.SSSZ`. */
export function soqlDateTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_MS) throw new RangeError(`not a SOQL datetime: ${ms}`);
  return new Date(ms).toISOString();
}

/** A quoted SOQL id literal; ids have no characters that need escaping, and anything else is refused. */
export function soqlId(id: string): string {
  if (!SALESFORCE_ID.test(id)) throw new RangeError('not a Salesforce id');
  return `'${id}'`;
}

/** Where a pull continues: after this SystemModstamp and, on a tie, after this Id. */
export interface PullPosition {
  modstamp: number;
  id?: string;
}

/** The incremental pull query, ordered so that paging by position sees each record exactly once. */
export function pullQuery(object: string, fields: readonly string[], after: PullPosition | undefined, limit: number): string {
  for (const name of [object, ...fields]) if (!SALESFORCE_NAME.test(name)) throw new RangeError(`not a Salesforce name: ${name}`);
  if (!Number.isInteger(limit) || limit < 1 || limit > 2001) throw new RangeError(`bad LIMIT ${limit}`);
  const select = ['Id', 'SystemModstamp', 'LastModifiedDate', ...fields].join(', ');
  let where = '';
  if (after) {
    const t = soqlDateTime(after.modstamp);
    // Salesforce requires parentheses when AND and OR are mixed.
    where = after.id === undefined ? ` WHERE SystemModstamp > ${t}` : ` WHERE (SystemModstamp > ${t}) OR (SystemModstamp = ${t} AND Id > ${soqlId(after.id)})`;
  }
  return `SELECT ${select} FROM ${object}${where} ORDER BY SystemModstamp ASC, Id ASC LIMIT ${limit}`;
}
