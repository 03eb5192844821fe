/**
 * Query jobs: the SOQL runs on the sandbox's own engine (src/soql, the one `/query` uses), once
 * when the job is processed, and its rows are then served as CSV pages addressed by locators.
 */
import type { SandboxOrg } from '../data/org-data.ts';
import { runSoql, type SoqlResult, type SoqlSource } from '../soql/index.ts';
import { cellText, csvLine, quoted, type CsvDialect } from './csv-format.ts';
import type { QueryJob } from './jobs.ts';

/**
 * Records per page when the client names no `maxRecords`. Salesforce picks its own size
 * (unconfirmed; simple-salesforce asks for 50,000). Keep it generous: jsforce 3's
 * `bulk2.query()` pipes every page into one CSV parser and fails ("write after end") as soon
 * as a second page exists, so a smaller default would break it where a real org would not.
 */
export const DEFAULT_MAX_RECORDS = 50_000;

function sourceFor(org: SandboxOrg, includeDeleted: boolean): SoqlSource {
  return { describe: (name) => org.describe(name), records: (name) => org.records(name, { includeDeleted }) };
}

/** Run a query job's SOQL now. */
export function runJobQuery(org: SandboxOrg, query: string, includeDeleted: boolean): SoqlResult {
  return runSoql(query, sourceFor(org, includeDeleted), { now: org.clock.now() });
}

/** Process a query job: keep its rows, or fail it with the engine's error. */
export function processQuery(org: SandboxOrg, job: QueryJob): void {
  const result = runJobQuery(org, job.query, job.operation === 'queryAll');
  if (!result.ok || result.count) {
    job.state = 'Failed';
    job.errorMessage = result.ok ? 'Aggregate queries are not supported by Bulk API 2.0' : `${result.errorCode}: ${result.message}`;
    return;
  }
  job.columns = result.fields;
  job.rows = result.rows;
  job.numberRecordsProcessed = result.rows.length;
  job.state = 'JobComplete';
}

/** A column's value in a row; a parent path (`Account.Name`) is followed through nested records. */
function cellOf(row: Record<string, unknown>, column: string): unknown {
  if (column in row) return row[column];
  let value: unknown = row;
  for (const part of column.split('.')) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Locators are opaque to clients; Salesforce's look like base64 of a number (`MTAwMDA`), so do ours. */
export function locatorOf(offset: number): string {
  return Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');
}

/** The offset a locator stands for, or undefined for one this job could not have handed out. */
export function offsetOf(locator: string, total: number): number | undefined {
  if (!/^[A-Za-z0-9+/]+$/.test(locator)) return undefined;
  const text = Buffer.from(locator, 'base64').toString('utf8');
  if (!/^(0|[1-9]\d*)$/.test(text)) return undefined;
  const offset = Number(text);
  return offset <= total && locatorOf(offset) === locator ? offset : undefined;
}

/** One page of results: the CSV text, the rows in it and the next locator ('null' after the last). */
export function resultPage(job: QueryJob, offset: number, maxRecords: number): { csv: string; count: number; next: string } {
  const rows = job.rows ?? [];
  const columns = job.columns ?? [];
  const dialect: CsvDialect = job.dialect;
  const end = Math.min(rows.length, offset + maxRecords);
  const lines = [csvLine(columns.map(quoted), dialect)];
  for (let i = offset; i < end; i++) {
    const row = rows[i]!;
    lines.push(
      csvLine(
        columns.map((c) => quoted(cellText(cellOf(row, c)))),
        dialect,
      ),
    );
  }
  return { csv: lines.join(''), count: end - offset, next: end < rows.length ? locatorOf(end) : 'null' };
}
