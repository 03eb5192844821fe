/**
 * CSV for spreadsheets: RFC 4180 (CRLF, quotes doubled, a cell quoted when it holds a comma, a quote
 * or a line break), and no formulas. Error messages carry text Salesforce admins and users wrote
 * (field labels, rejected values); a cell starting with = + - @ tab or CR would run as a formula in
 * Excel or Sheets, so such a cell gets a leading ' (OWASP's advice for CSV injection).
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** What a cell can hold: a scalar, or nothing (an empty cell). */
export type CsvValue = string | number | boolean | null | undefined;

/** One cell, neutralised and quoted as needed. */
export function csvCell(value: CsvValue): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole document: a header row, then one row per record, each line ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
