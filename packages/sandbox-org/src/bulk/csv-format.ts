/**
 * The CSV dialects a Bulk API 2.0 job may name (`columnDelimiter`, `lineEnding`) and writing rows
 * the way Salesforce writes its result files: every value in double quotes, null as `""`.
 */

/** Salesforce's names for the column delimiters a job may use, and their characters. */
export const COLUMN_DELIMITERS = {
  BACKQUOTE: '`',
  CARET: '^',
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  TAB: '\t',
} as const;

export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;

export const LINE_ENDINGS = { LF: '\n', CRLF: '\r\n' } as const;

export type LineEnding = keyof typeof LINE_ENDINGS;

/** The dialect of one job. */
export interface CsvDialect {
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
}

/** One value in double quotes, quotes doubled. */
export function quoted(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/** A header name as the client wrote it: quoted only when it must be. */
export function headerName(name: string, dialect: CsvDialect): string {
  const delimiter = COLUMN_DELIMITERS[dialect.columnDelimiter];
  return name.includes('"') || name.includes(delimiter) || /[\r\n]/.test(name) ? quoted(name) : name;
}

/** A row of already-rendered cells, with the job's delimiter and line ending. */
export function csvLine(cells: readonly string[], dialect: CsvDialect): string {
  return cells.join(COLUMN_DELIMITERS[dialect.columnDelimiter]) + LINE_ENDINGS[dialect.lineEnding];
}

/** A value as text in a result file: booleans and numbers as written by the REST API, null empty. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
